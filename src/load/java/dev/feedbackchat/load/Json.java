package dev.feedbackchat.load;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough JSON writing for results.json: maps, lists, strings, numbers, booleans. */
final class Json {

	private Json() {
	}

	static String write(Object value, String indent) {
		String inner = indent + "  ";
		if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				return "{}";
			}
			return map.entrySet()
				.stream()
				.map(e -> inner + quote(String.valueOf(e.getKey())) + ": " + write(e.getValue(), inner))
				.collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
		}
		if (value instanceof Collection<?> list) {
			if (list.isEmpty()) {
				return "[]";
			}
			return list.stream().map(v -> inner + write(v, inner)).collect(Collectors.joining(",\n", "[\n", "\n" + indent + "]"));
		}
		if (value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		return value == null ? "null" : quote(value.toString());
	}

	static String quote(String s) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
