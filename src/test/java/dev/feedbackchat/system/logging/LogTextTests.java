package dev.feedbackchat.system.logging;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LogTextTests {

	static Stream<Arguments> texts() {
		return Stream.of(arguments("plain text, ü ✓", "plain text, ü ✓"), arguments("a\tb", "a\tb"),
				arguments("a\r\nb", "a\\r\\nb"), arguments("\u001b[31mred", "\\u001b[31mred"),
				arguments("a\u0085b\u2028c\u2029d\u007f", "a\\u0085b\\u2028c\\u2029d\\u007f"),
				arguments("nul\u0000", "nul\\u0000"), arguments(null, null));
	}

	@ParameterizedTest
	@MethodSource("texts")
	void escapesLineBreaksAndControlCharacters(String text, String logged) {
		assertThat(LogText.escape(text)).isEqualTo(logged);
	}

}
