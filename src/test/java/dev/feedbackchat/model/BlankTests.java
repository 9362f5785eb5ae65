package dev.feedbackchat.model;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as typing nothing, shared by prompts and comments (ChatControllerTests, FeedbackControllerTests). */
public class BlankTests {

	/**
	 * Texts nobody can see: whitespace, Unicode spaces (no-break, ideographic), format characters (zero-width
	 * space and joiners, word joiner, byte order mark, Mongolian vowel separator, soft hyphen, bidi marks, a tag
	 * space), other characters rendered as nothing (variation selector, Hangul filler, braille blank) and
	 * control characters.
	 */
	public static final List<String> INVISIBLE = List.of("", "   ", "\r\n\t", "\u00A0", "\u200B", "\uFEFF", "\u2060",
			"\u3000", "\u180E", "\u200C\u200D", "\u00AD", "\u200E\u202E", "\uDB40\uDC20", "\uFE0F", "\u3164", "\u2800",
			"\u2007\u202F\u205F", "\u0001\u007F\u0085", "\u200B \u00A0\n\uFEFF\u3000\u2060");

	@ParameterizedTest
	@FieldSource("INVISIBLE")
	void nothingVisibleIsBlank(String text) {
		assertThat(Blank.is(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "  a  ", "\u200Bx\u200B", "\u00A0.\u00A0", "😀", "中", "-", "\u0301", "\uE000",
			"\uFEFF0" })
	void anythingVisibleIsNot(String text) {
		assertThat(Blank.is(text)).isFalse();
	}

	@Test
	void everyUnicodeSpaceIsBlank() {
		assertThat(List.of(0x0020, 0x00A0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000))
			.allSatisfy(space -> assertThat(Blank.is(Character.toString(space))).as("U+%04X", space).isTrue());
	}

}
