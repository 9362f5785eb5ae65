package dev.feedbackchat.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.feedbackchat.TestMessages;
import dev.feedbackchat.admin.RatedAnswers.ReasonCount;
import dev.feedbackchat.model.Sentiment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonsChartTests {

	@Test
	void combinationsAreCountedPerReasonAndSentiment() {
		ReasonsChart chart = ReasonsChart.of("days", List.of(new ReasonCount(List.of("A", "B"), Sentiment.NEGATIVE, 3),
				new ReasonCount(List.of("B"), Sentiment.NEGATIVE, 2), new ReasonCount(List.of("B"), Sentiment.POSITIVE, 1)),
				TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(chart.bars()).extracting(ReasonsChart.Bar::reason).containsExactly("B", "A");
		assertThat(chart.bars().get(0)).extracting(ReasonsChart.Bar::positive, ReasonsChart.Bar::neutral,
				ReasonsChart.Bar::negative).containsExactly(1L, 0L, 5L);
		// Segments fill the plot from its left edge: the longest bar reaches the scale's top value.
		ReasonsChart.Bar longest = chart.bars().get(0);
		assertThat(longest.segments().get(0).x()).isEqualTo(chart.plotLeft());
		assertThat(chart.note()).isNull();
	}

	@Test
	void beyondFifteenReasonsTheMostChosenAreDrawnAndTheCaptionSaysSo() {
		List<ReasonCount> counts = new ArrayList<>();
		for (int i = 1; i <= 17; i++) {
			counts.add(new ReasonCount(List.of("reason " + i), Sentiment.NEGATIVE, i));
		}
		ReasonsChart chart = ReasonsChart.of("days", counts, TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(chart.bars()).hasSize(ReasonsChart.MAX_BARS);
		assertThat(chart.bars().get(0).reason()).isEqualTo("reason 17");
		assertThat(chart.bars().get(14).reason()).isEqualTo("reason 3");
		assertThat(chart.note()).isEqualTo("The chart shows the 15 most chosen of 17 reasons.");
	}

	@Test
	void noReasonsGiveAnEmptyChartThatSaysSo() {
		ReasonsChart chart = ReasonsChart.of("days", List.of(), TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(chart.bars()).isEmpty();
		assertThat(chart.description()).isEqualTo("No reasons were chosen in these days.");
		assertThat(chart.grid()).isNotEmpty();
	}

}
