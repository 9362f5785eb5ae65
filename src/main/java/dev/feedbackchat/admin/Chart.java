package dev.feedbackchat.admin;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.feedbackchat.admin.RatedAnswers.DayCount;
import dev.feedbackchat.model.Sentiment;

import org.springframework.context.MessageSource;

/**
 * The ratings-per-day bar chart, laid out here so the template only places numbers into SVG attributes (the
 * CSP forbids inline styles). One bar per UTC day, stacked: positive at the bottom, then neutral, negative. Texts,
 * day labels and the gridlines' numbers are in the request's locale; the coordinates are numbers, never text.
 *
 * @param title       what the chart shows, for its title and the table caption
 * @param description the numbers in one sentence, for screen readers
 * @param note        why fewer days are shown than the filter asks for, or {@code null}
 */
record Chart(String title, String description, String note, int width, int height, List<Day> days,
		List<GridLine> grid) {

	static final int DEFAULT_DAYS = 30;

	/** More bars would be too thin to read; a longer range shows its last days. */
	static final int MAX_DAYS = 92;

	/** The drawing's size in SVG units; it scales to the page's width. */
	private static final int WIDTH = 720;

	private static final int LEFT = 48;

	private static final int RIGHT = 8;

	private static final double MAX_BAR = 32;

	private static final int TOP = 8;

	private static final int PLOT = 150;

	private static final int BOTTOM = 22;

	/** Bottom to top. */
	private static final List<Sentiment> STACK = List.of(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE);

	/**
	 * One day's bar: its counts, the stacked segments and the date label under it (or none).
	 *
	 * @param dateText the day with its year, for the table
	 */
	record Day(LocalDate date, String dateText, long positive, long neutral, long negative, List<Segment> segments,
			String label, double labelX, String tooltip) {

		public long total() {
			return positive + neutral + negative;
		}

	}

	/** A rectangle of one sentiment; the sentiment's id is also its CSS class. */
	record Segment(Sentiment sentiment, double x, double y, double width, double height) {
	}

	/** A gridline at a value, and that value as its label shows it. */
	record GridLine(double y, long value, String text) {
	}

	/** The first and the last day of a chart, inclusive. */
	record Days(LocalDate first, LocalDate last) {
	}

	/** The days the chart covers for a filter: its date range, else the last 30 days up to today. */
	static Days range(RatingFilter filter, LocalDate today) {
		LocalDate last = filter.to() != null ? filter.to() : today;
		if (filter.to() == null && filter.from() != null && filter.from().isAfter(last)) {
			last = filter.from();
		}
		LocalDate first = filter.from() != null ? filter.from() : last.minusDays(DEFAULT_DAYS - 1);
		return new Days(first, last);
	}

	static Chart of(LocalDate first, LocalDate last, List<DayCount> counts, MessageSource messages, Locale locale) {
		Localized texts = new Localized(messages, locale);
		String note = null;
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			note = texts.text("admin.chart.note", MAX_DAYS, ChronoUnit.DAYS.between(first, last) + 1);
			first = last.minusDays(MAX_DAYS - 1);
		}
		int dayCount = (int) ChronoUnit.DAYS.between(first, last) + 1;
		long[][] perDay = tally(first, dayCount, counts);
		long highest = 0;
		for (long[] day : perDay) {
			highest = Math.max(highest, day[0] + day[1] + day[2]);
		}
		long step = step(highest);
		long scaleMax = step * steps(highest, step);
		int labelEvery = (int) Math.ceil(dayCount / 10.0);

		double slot = (double) (WIDTH - LEFT - RIGHT) / dayCount;
		double bar = round(Math.min(slot * 0.7, MAX_BAR));
		List<Day> days = new ArrayList<>();
		for (int i = 0; i < dayCount; i++) {
			LocalDate date = first.plusDays(i);
			long[] c = perDay[i];
			double x = round(LEFT + i * slot + (slot - bar) / 2);
			List<Segment> segments = new ArrayList<>();
			double base = 0;
			for (int s = 0; s < STACK.size(); s++) {
				if (c[s] > 0) {
					segments.add(new Segment(STACK.get(s), x, round(y(base + c[s], scaleMax)), bar,
							round(y(base, scaleMax) - y(base + c[s], scaleMax))));
					base += c[s];
				}
			}
			String label = i % labelEvery == 0 ? texts.day(date) : null;
			String dateText = texts.dayYear(date);
			String tooltip = texts.text("admin.chart.tooltip", dateText, c[0], c[1], c[2]);
			days.add(new Day(date, dateText, c[0], c[1], c[2], List.copyOf(segments), label, round(x + bar / 2),
					tooltip));
		}
		List<GridLine> grid = new ArrayList<>();
		for (long value = 0; value <= scaleMax; value += step) {
			grid.add(new GridLine(round(y(value, scaleMax)), value, texts.number(value)));
		}
		return new Chart(texts.text("admin.chart.title", texts.days(first, last)), description(days, texts), note,
				WIDTH, TOP + PLOT + BOTTOM, List.copyOf(days), List.copyOf(grid));
	}

	/** Ratings per day (from {@code first}) and sentiment (in the order of STACK). */
	private static long[][] tally(LocalDate first, int dayCount, List<DayCount> counts) {
		long[][] perDay = new long[dayCount][STACK.size()];
		for (DayCount count : counts) {
			int index = (int) ChronoUnit.DAYS.between(first, count.day());
			if (index >= 0 && index < dayCount) {
				perDay[index][STACK.indexOf(count.sentiment())] += count.ratings();
			}
		}
		return perDay;
	}

	public int plotLeft() {
		return LEFT;
	}

	public int plotRight() {
		return WIDTH - RIGHT;
	}

	public double labelY() {
		return TOP + PLOT + 15;
	}

	private static double y(double value, long scaleMax) {
		return TOP + PLOT - value * PLOT / scaleMax;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	/** The smallest step of 1, 2 or 5 times a power of ten that reaches the highest bar in at most five. */
	static long step(long highest) {
		for (long power = 1;; power *= 10) {
			for (long factor : new long[] { 1, 2, 5 }) {
				if (steps(highest, factor * power) <= 5) {
					return factor * power;
				}
			}
		}
	}

	static long steps(long highest, long step) {
		return Math.max(1, (highest + step - 1) / step);
	}

	private static String description(List<Day> days, Localized texts) {
		long positive = days.stream().mapToLong(Day::positive).sum();
		long neutral = days.stream().mapToLong(Day::neutral).sum();
		long negative = days.stream().mapToLong(Day::negative).sum();
		if (positive + neutral + negative == 0) {
			return texts.text("admin.chart.empty");
		}
		Day busiest = days.stream().max(Comparator.comparingLong(Day::total)).orElseThrow();
		return texts.text("admin.chart.description", positive, neutral, negative, busiest.dateText(), busiest.total());
	}

}
