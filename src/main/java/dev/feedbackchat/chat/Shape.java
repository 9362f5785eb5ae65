package dev.feedbackchat.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A fragment rendered once by the template engine with markers where its values go, then filled by
 * concatenation: the template stays the one source of a message's HTML, and a message costs a few string
 * copies instead of a template evaluation. Values are inserted as given: escape them first.
 */
final class Shape {

	private final String[] parts;

	/** For each gap between two parts, the index of the marker (and so of the value) that goes there. */
	private final int[] slots;

	private Shape(String[] parts, int[] slots) {
		this.parts = parts;
		this.slots = slots;
	}

	/** Splits {@code html} at every occurrence of the markers, which must not occur in the template itself. */
	static Shape of(String html, String... markers) {
		List<String> parts = new ArrayList<>();
		List<Integer> slots = new ArrayList<>();
		int position = 0;
		while (true) {
			int next = -1;
			int marker = -1;
			for (int i = 0; i < markers.length; i++) {
				int found = html.indexOf(markers[i], position);
				if (found >= 0 && (next < 0 || found < next)) {
					next = found;
					marker = i;
				}
			}
			if (next < 0) {
				break;
			}
			parts.add(html.substring(position, next));
			slots.add(marker);
			position = next + markers[marker].length();
		}
		parts.add(html.substring(position));
		return new Shape(parts.toArray(String[]::new), slots.stream().mapToInt(Integer::intValue).toArray());
	}

	/** The fragment with {@code values[i]} wherever marker {@code i} was. */
	String fill(String... values) {
		int length = 0;
		for (String part : parts) {
			length += part.length();
		}
		for (int slot : slots) {
			length += values[slot].length();
		}
		StringBuilder html = new StringBuilder(length);
		for (int i = 0; i < slots.length; i++) {
			html.append(parts[i]).append(values[slots[i]]);
		}
		return html.append(parts[parts.length - 1]).toString();
	}

}
