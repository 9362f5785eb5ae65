package dev.feedbackchat.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.feedbackchat.admin.RatedAnswers.ReasonCount;
import dev.feedbackchat.model.Sentiment;

import org.springframework.context.MessageSource;

/**
 * How often each reason was chosen, as horizontal bars stacked by the rating's sentiment, laid out here so the
 * template only places numbers into SVG attributes (the CSP forbids inline styles). Most chosen first. Texts and
 * the gridlines' numbers are in the request's locale; the reasons are shown as configured.
 *
 * @param title       what the chart shows, for its title and the table caption
 * @param description the numbers in one sentence, for screen readers
 * @param note        why some reasons are not drawn, or {@code null}
 */
record ReasonsChart(String title, String description, String note, int width, int height, List<Bar> bars,
		List<GridLine> grid) {

	/** More rows would make the chart longer than the table under it. */
	static final int MAX_BARS = 15;

	private static final int WIDTH = 720;

	private static final int LABELS = 200;

	private static final int RIGHT = 40;

	private static final int TOP = 8;

	private static final int ROW = 26;

	private static final int BAR = 16;

	private static final int BOTTOM = 22;

	/** Left to right. */
	private static final List<Sentiment> STACK = List.of(Sentiment.POSITIVE, Sentiment.NEUTRAL, Sentiment.NEGATIVE);

	/** One reason's bar: its counts, the stacked segments, where its label and total go. */
	record Bar(String reason, long positive, long neutral, long negative, List<Chart.Segment> segments, double labelY,
			double totalX, String tooltip) {

		public long total() {
			return positive + neutral + negative;
		}

	}

	/** A gridline at a value, and that value as its label shows it. */
	record GridLine(double x, long value, String text) {
	}

	/** @param days the range as the dashboard names it ({@link Localized#days}) */
	static ReasonsChart of(String days, List<ReasonCount> counts, MessageSource messages, Locale locale) {
		Localized texts = new Localized(messages, locale);
		Map<String, long[]> perReason = new LinkedHashMap<>();
		for (ReasonCount count : counts) {
			for (String reason : count.reasons()) {
				perReason.computeIfAbsent(reason, r -> new long[STACK.size()])[STACK.indexOf(count.sentiment())] += count
					.ratings();
			}
		}
		List<Map.Entry<String, long[]>> reasons = perReason.entrySet()
			.stream()
			.sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(entry -> -sum(entry.getValue()))
				.thenComparing(Map.Entry::getKey))
			.toList();
		String note = reasons.size() > MAX_BARS
				? texts.text("admin.reasons.note", MAX_BARS, reasons.size()) : null;
		List<Map.Entry<String, long[]>> shown = reasons.subList(0, Math.min(MAX_BARS, reasons.size()));
		long highest = shown.stream().mapToLong(entry -> sum(entry.getValue())).max().orElse(0);
		long step = Chart.step(highest);
		long scaleMax = step * Chart.steps(highest, step);
		int plot = WIDTH - LABELS - RIGHT;

		List<Bar> bars = new ArrayList<>();
		for (int i = 0; i < shown.size(); i++) {
			long[] c = shown.get(i).getValue();
			double y = TOP + i * ROW + (ROW - BAR) / 2.0;
			List<Chart.Segment> segments = new ArrayList<>();
			double base = 0;
			for (int s = 0; s < STACK.size(); s++) {
				if (c[s] > 0) {
					segments.add(new Chart.Segment(STACK.get(s), round(LABELS + base * plot / scaleMax), y,
							round(c[s] * plot / (double) scaleMax), BAR));
					base += c[s];
				}
			}
			String reason = shown.get(i).getKey();
			bars.add(new Bar(reason, c[0], c[1], c[2], List.copyOf(segments), y + BAR / 2.0 + 4,
					round(LABELS + base * plot / scaleMax + 4),
					texts.text("admin.reasons.tooltip", reason, c[0], c[1], c[2])));
		}
		List<GridLine> grid = new ArrayList<>();
		for (long value = 0; value <= scaleMax; value += step) {
			grid.add(new GridLine(round(LABELS + value * plot / (double) scaleMax), value, texts.number(value)));
		}
		return new ReasonsChart(texts.text("admin.reasons.title", days), description(bars, texts), note, WIDTH,
				TOP + Math.max(1, bars.size()) * ROW + BOTTOM, List.copyOf(bars), List.copyOf(grid));
	}

	public int plotLeft() {
		return LABELS;
	}

	public int labelX() {
		return LABELS - 8;
	}

	/** Where the grid stops and its numbers go. */
	public double plotBottom() {
		return height - BOTTOM;
	}

	public double axisY() {
		return height - BOTTOM + 15;
	}

	private static long sum(long[] counts) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		return total;
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static String description(List<Bar> bars, Localized texts) {
		if (bars.isEmpty()) {
			return texts.text("admin.reasons.empty");
		}
		Bar top = bars.get(0);
		return texts.text("admin.reasons.description", bars.size(), top.reason(), top.total(), top.positive(),
				top.neutral(), top.negative());
	}

}
