package dev.feedbackchat.model;

/**
 * What counts as typing nothing: text in which no character is visible. String.isBlank() knows only the
 * whitespace of Character.isWhitespace, so a prompt of no-break spaces (U+00A0), zero-width spaces (U+200B) or
 * byte order marks (U+FEFF) would pass as a message. Blank here are: whitespace and every Unicode separator
 * (Zs, Zl, Zp, such as U+3000), control characters (Cc, NUL among them), format characters (Cf, such as U+200B,
 * U+2060, U+180E, U+FEFF, the bidi marks and the soft hyphen), and the other characters Unicode says to render
 * as nothing (Default_Ignorable_Code_Point: variation selectors, the combining grapheme joiner, the Hangul
 * fillers), plus the braille blank (U+2800), which shows as an empty cell.
 */
public final class Blank {

	private Blank() {
	}

	/** Whether {@code text} has no visible character (an empty text has none). */
	public static boolean is(CharSequence text) {
		return text.codePoints().allMatch(Blank::invisible);
	}

	static boolean invisible(int codePoint) {
		return switch (Character.getType(codePoint)) {
			case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL,
					Character.FORMAT -> true;
			default -> Character.isWhitespace(codePoint) || ignorable(codePoint);
		};
	}

	/** Default_Ignorable_Code_Point characters that are not format characters, and the braille blank. */
	private static boolean ignorable(int c) {
		return c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
				|| (c >= 0x2060 && c <= 0x206F) || c == 0x2800 || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8)
				|| (c >= 0xE0000 && c <= 0xE0FFF);
	}

}
