package dev.feedbackchat.redaction;

import java.util.Map;
import java.util.TreeMap;

/**
 * The pieces of one text found so far, none overlapping another: a detector that runs earlier wins, so a secret
 * holding digits is not also taken for a phone number. A kept piece (a UUID) is found but left as it is.
 */
final class Spans {

	private final TreeMap<Integer, Span> byStart = new TreeMap<>();

	private boolean replacing;

	/** Adds {@code [start, end)} unless it overlaps a piece found before; true when added. */
	boolean add(int start, int end, Placeholder placeholder) {
		if (start >= end || overlaps(start, end)) {
			return false;
		}
		byStart.put(start, new Span(end, placeholder));
		replacing |= placeholder != null;
		return true;
	}

	/** Marks {@code [start, end)} as text to keep: later detectors leave it alone. */
	void keep(int start, int end) {
		add(start, end, null);
	}

	boolean overlaps(int start, int end) {
		Map.Entry<Integer, Span> before = byStart.floorEntry(end - 1);
		return before != null && before.getValue().end() > start;
	}

	/** The text with each piece to replace replaced by its placeholder; the same instance when there is none. */
	String applyTo(String text) {
		if (!replacing) {
			return text;
		}
		StringBuilder redacted = new StringBuilder(text.length());
		int at = 0;
		for (Map.Entry<Integer, Span> entry : byStart.entrySet()) {
			Span span = entry.getValue();
			if (span.placeholder() != null) {
				redacted.append(text, at, entry.getKey()).append(span.placeholder().text());
				at = span.end();
			}
		}
		return redacted.append(text, at, text.length()).toString();
	}

	private record Span(int end, Placeholder placeholder) {
	}

}
