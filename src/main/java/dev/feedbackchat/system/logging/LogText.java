package dev.feedbackchat.system.logging;

/**
 * Log text that stays on its line: line breaks and other control characters (which could start a forged log
 * line or drive a terminal) are written as escapes, {@code \r}, {@code \n} or {@code \}{@code u001b}. Tabs
 * stay. Applied to every logged message and exception message by the converters of logback-spring.xml, since
 * prompts, answers and other request data reach the log through exception messages of any library too.
 */
public final class LogText {

	private LogText() {
	}

	public static String escape(String text) {
		if (text == null || text.chars().noneMatch(LogText::needsEscape)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.chars().forEach(c -> {
			switch (c) {
				case '\r' -> escaped.append("\\r");
				case '\n' -> escaped.append("\\n");
				default -> {
					if (needsEscape(c)) {
						escaped.append("\\u%04x".formatted(c));
					}
					else {
						escaped.append((char) c);
					}
				}
			}
		});
		return escaped.toString();
	}

	/** C0 and C1 controls but the tab, DEL, and the Unicode line and paragraph separators. */
	private static boolean needsEscape(int c) {
		return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
	}

}
