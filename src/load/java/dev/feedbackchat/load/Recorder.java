package dev.feedbackchat.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Durations in nanoseconds, summarised as p50/p99/max in milliseconds. */
final class Recorder {

	private long[] values = new long[1 << 16];

	private int size;

	synchronized void add(long nanos) {
		if (size == values.length) {
			values = Arrays.copyOf(values, size * 2);
		}
		values[size++] = nanos;
	}

	synchronized Map<String, Object> summary() {
		long[] sorted = Arrays.copyOf(values, size);
		Arrays.sort(sorted);
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("count", size);
		s.put("p50", size == 0 ? 0 : ms(sorted[(int) Math.ceil(size * 0.50) - 1]));
		s.put("p99", size == 0 ? 0 : ms(sorted[(int) Math.ceil(size * 0.99) - 1]));
		s.put("max", size == 0 ? 0 : ms(sorted[size - 1]));
		return s;
	}

	private static double ms(long nanos) {
		return Settings.round(nanos / 1e6);
	}

}
