package dev.feedbackchat.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import dev.feedbackchat.TestMessages;
import dev.feedbackchat.admin.Chart.Day;
import dev.feedbackchat.admin.Chart.GridLine;
import dev.feedbackchat.admin.Chart.Segment;
import dev.feedbackchat.admin.RatedAnswers.DayCount;
import org.junit.jupiter.api.Test;

import static dev.feedbackchat.model.Sentiment.NEGATIVE;
import static dev.feedbackchat.model.Sentiment.NEUTRAL;
import static dev.feedbackchat.model.Sentiment.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;

class ChartTests {

	static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

	static RatingFilter between(LocalDate from, LocalDate to) {
		return RatingFilter.ratedBetween(from, to);
	}

	@Test
	void rangeIsTheLast30DaysOrTheFiltersDates() {
		assertThat(Chart.range(RatingFilter.ANY, TODAY)).isEqualTo(new Chart.Days(TODAY.minusDays(29), TODAY));
		assertThat(Chart.range(between(TODAY.minusDays(3), null), TODAY)).isEqualTo(new Chart.Days(TODAY.minusDays(3), TODAY));
		assertThat(Chart.range(between(null, TODAY.minusDays(100)), TODAY))
			.isEqualTo(new Chart.Days(TODAY.minusDays(129), TODAY.minusDays(100)));
		assertThat(Chart.range(between(TODAY.plusDays(5), null), TODAY))
			.isEqualTo(new Chart.Days(TODAY.plusDays(5), TODAY.plusDays(5)));
		assertThat(Chart.range(between(TODAY.minusDays(400), TODAY.minusDays(1)), TODAY))
			.isEqualTo(new Chart.Days(TODAY.minusDays(400), TODAY.minusDays(1)));
	}

	@Test
	void gridStepsAreOneTwoOrFiveTimesAPowerOfTenAtMostFiveHigh() {
		assertThat(gridValues(0)).containsExactly(0L, 1L);
		assertThat(gridValues(4)).containsExactly(0L, 1L, 2L, 3L, 4L);
		assertThat(gridValues(6)).containsExactly(0L, 2L, 4L, 6L);
		assertThat(gridValues(11)).containsExactly(0L, 5L, 10L, 15L);
		assertThat(gridValues(130)).containsExactly(0L, 50L, 100L, 150L);
		assertThat(gridValues(4_000)).containsExactly(0L, 1_000L, 2_000L, 3_000L, 4_000L);
	}

	static List<Long> gridValues(long highest) {
		List<DayCount> counts = highest == 0 ? List.of() : List.of(new DayCount(TODAY, POSITIVE, highest));
		return Chart.of(TODAY, TODAY, counts, TestMessages.BUNDLES, Locale.ENGLISH).grid().stream().map(GridLine::value).toList();
	}

	@Test
	void barsStackPositiveNeutralNegativeFromTheBottom() {
		Chart chart = Chart.of(TODAY.minusDays(1), TODAY, List.of(new DayCount(TODAY, NEGATIVE, 1),
				new DayCount(TODAY, POSITIVE, 2), new DayCount(TODAY, NEUTRAL, 1)), TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(chart.days()).hasSize(2);
		assertThat(chart.days().get(0).segments()).isEmpty();
		Day today = chart.days().get(1);
		assertThat(today.segments()).extracting(Segment::sentiment).containsExactly(POSITIVE, NEUTRAL, NEGATIVE);
		Segment positive = today.segments().get(0);
		Segment neutral = today.segments().get(1);
		Segment negative = today.segments().get(2);
		double bottom = chart.grid().get(0).y();
		double top = chart.grid().get(chart.grid().size() - 1).y();
		assertThat(positive.y() + positive.height()).isEqualTo(bottom);
		assertThat(neutral.y() + neutral.height()).isEqualTo(positive.y());
		assertThat(negative.y() + negative.height()).isEqualTo(neutral.y());
		assertThat(negative.y()).isEqualTo(top);
		assertThat(positive.height()).isEqualTo(2 * neutral.height());
		assertThat(today.tooltip()).isEqualTo("15 Mar 2026: 2 positive, 1 neutral, 1 negative");
		assertThat(chart.title()).isEqualTo("Ratings per day, 14 Mar – 15 Mar 2026 (UTC)");
		assertThat(chart.description()).isEqualTo("2 positive, 1 neutral and 1 negative ratings; the most on 15 Mar 2026 (4).");
	}

	@Test
	void aRangeLongerThanTheChartKeepsItsLastDaysAndSaysSo() {
		Chart chart = Chart.of(TODAY.minusDays(365), TODAY, List.of(new DayCount(TODAY.minusDays(200), POSITIVE, 3)), TestMessages.BUNDLES,
				Locale.ENGLISH);
		assertThat(chart.days()).hasSize(Chart.MAX_DAYS);
		assertThat(chart.days().get(Chart.MAX_DAYS - 1).date()).isEqualTo(TODAY);
		assertThat(chart.note()).isEqualTo("The chart shows the last 92 days of the 366-day range.");
		assertThat(chart.description()).isEqualTo("No ratings in these days.");
		assertThat(chart.title()).isEqualTo("Ratings per day, 14 Dec 2025 – 15 Mar 2026 (UTC)");
	}

	@Test
	void aboutTenDatesAreLabelled() {
		Chart month = Chart.of(TODAY.minusDays(29), TODAY, List.of(), TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(month.days().stream().filter(day -> day.label() != null)).hasSize(10);
		Chart week = Chart.of(TODAY.minusDays(6), TODAY, List.of(), TestMessages.BUNDLES, Locale.ENGLISH);
		assertThat(week.days()).allSatisfy(day -> assertThat(day.label()).isNotNull());
	}

}
