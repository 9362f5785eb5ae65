package dev.feedbackchat.admin;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.feedbackchat.TestMessages;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsPageTests {

	static final Localized ENGLISH = new Localized(TestMessages.BUNDLES, Locale.ENGLISH);

	static ResultsPage page(long total, int page, int rowsShown) {
		List<RatedAnswer> rows = Collections.nCopies(rowsShown, null);
		return ResultsPage.of(rows, total, page, 20, RatingFilter.ANY);
	}

	@Test
	void summaryAndPositionUseThousandsSeparators() {
		ResultsPage second = page(43_333, 2, 20);
		assertThat(second.summary(ENGLISH)).isEqualTo("21–40 of 43,333, newest first");
		assertThat(second.position(ENGLISH)).isEqualTo("Page 2 of 2,167");
		assertThat(second.previous()).isEqualTo("/admin");
		assertThat(second.next()).isEqualTo("/admin?page=3");
	}

	@Test
	void theLastPageMayBeShortAndHasNoNext() {
		ResultsPage last = page(45, 3, 5);
		assertThat(last.summary(ENGLISH)).isEqualTo("41–45 of 45, newest first");
		assertThat(last.next()).isNull();
	}

	@Test
	void emptyResultsAndPagesPastTheEndSaySo() {
		assertThat(page(0, 1, 0).summary(ENGLISH)).isEqualTo("No rated answers match these filters.");
		assertThat(page(0, 1, 0).pages()).isEqualTo(1);
		ResultsPage past = page(45, 7, 0);
		assertThat(past.summary(ENGLISH)).isEqualTo("Page 7 is past the last page (3).");
		assertThat(past.previous()).isEqualTo("/admin?page=3");
	}

}
