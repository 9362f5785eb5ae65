package dev.feedbackchat.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A hand-written SVG line chart (logarithmic time axis): users against p99 gap between characters and p99 time to first character. */
final class Plot {

	private static final int W = 720, H = 420, L = 70, R = 170, T = 40, B = 60;

	private Plot() {
	}

	@SuppressWarnings("unchecked")
	static String svg(List<Map<String, Object>> levels) {
		int n = levels.size();
		double[] users = new double[n], gap = new double[n], first = new double[n];
		for (int i = 0; i < n; i++) {
			Map<String, Object> l = levels.get(i);
			users[i] = ((Number) l.get("users")).doubleValue();
			gap[i] = ((Number) ((Map<String, Object>) l.get("gapMs")).get("p99")).doubleValue();
			first[i] = ((Number) ((Map<String, Object>) l.get("firstCharacterMs")).get("p99")).doubleValue();
		}
		double xMax = niceMax(max(users));
		double yMax = niceMax(Math.max(120, Math.max(max(gap), max(first))));
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				W, H, W, H));
		s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">Concurrent streams: p99 latency by number of users</text>%n", L));
		int pw = W - L - R, ph = H - T - B;
		for (double v : new double[] { 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000 }) {
			if (v > yMax) {
				break;
			}
			double y = y(v, yMax);
			s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", L, y, L + pw, y));
			s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", L - 6, y + 4, v));
		}
		for (int i = 0; i <= 5; i++) {
			double v = xMax * i / 5;
			double x = L + pw * i / 5.0;
			s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, T, x, T + ph));
			s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n", x, T + ph + 18, v));
		}
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrent users</text>%n", L + pw / 2, H - 16));
		s.append(String.format(Locale.ROOT, "<text transform=\"translate(18 %d) rotate(-90)\" text-anchor=\"middle\">p99 (ms, log scale)</text>%n", T + ph / 2));
		s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", L, T, pw, ph));
		bound(s, 40, yMax, "#1f77b4", "gap bound 40 ms");
		bound(s, 100, yMax, "#d62728", "first-char bound 100 ms");
		series(s, users, gap, xMax, yMax, "#1f77b4", "p99 gap between characters", 0);
		series(s, users, first, xMax, yMax, "#d62728", "p99 time to first character", 1);
		s.append("</svg>\n");
		return s.toString();
	}

	private static void bound(StringBuilder s, double v, double yMax, String color, String label) {
		int pw = W - L - R, ph = H - T - B;
		double y = y(v, yMax);
		s.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 4\" opacity=\"0.6\"/>%n", L, y,
				L + pw, y, color));
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>%n", L + pw + 6, y + 4, color, label));
	}

	private static void series(StringBuilder s, double[] xs, double[] ys, double xMax, double yMax, String color,
			String label, int row) {
		int pw = W - L - R, ph = H - T - B;
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < xs.length; i++) {
			double x = L + pw * xs[i] / xMax;
			double y = y(Math.min(ys[i], yMax), yMax);
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%.0f users: %.1f ms</title></circle>%n",
					x, y, color, xs[i], ys[i]));
			s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\" font-size=\"10\" text-anchor=\"middle\">%.0f</text>%n",
					x, y - 8, color, ys[i]));
		}
		s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", points.toString().trim(), color));
		int ly = T + 14 + row * 18;
		s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
				L + 10, ly - 4, L + 30, ly - 4, color));
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", L + 36, ly, label));
	}

	private static double y(double v, double yMax) {
		int ph = H - T - B;
		double min = Math.log10(10), max = Math.log10(yMax);
		return T + ph - ph * (Math.log10(Math.max(v, 10)) - min) / (max - min);
	}

	private static double max(double[] values) {
		double m = 0;
		for (double v : values) {
			m = Math.max(m, v);
		}
		return m;
	}

	private static double niceMax(double v) {
		double step = Math.pow(10, Math.floor(Math.log10(v)));
		for (double f : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (f * step >= v) {
				return f * step;
			}
		}
		return 10 * step;
	}

}
