package dev.feedbackchat.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The detectors against a corpus of what must be redacted and what must not (redaction/corpus.tsv). */
class RedactorTests {

	private final Redactor on = new Redactor(true);

	@ParameterizedTest(name = "{index} {0}: {1}")
	@MethodSource("corpus")
	void redactsTheCorpusAsExpected(String type, String input, String expected) {
		assertThat(on.redact(input)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{index} {0}: {1}")
	@MethodSource("corpus")
	void redactingTwiceChangesNothingMore(String type, String input, String expected) {
		assertThat(on.redact(expected)).isEqualTo(expected);
	}

	@Test
	void theCorpusHasHundredsOfExamplesOfEachKind() {
		List<String> types = corpus().map(arguments -> (String) arguments.get()[0]).toList();
		assertThat(types).hasSizeGreaterThan(500);
		for (String type : List.of("EMAIL", "PHONE", "CARD", "IBAN", "SECRET")) {
			assertThat(types).filteredOn(type::equals).hasSizeGreaterThan(30);
		}
		assertThat(types).filteredOn("NONE"::equals).hasSizeGreaterThan(150);
	}

	@Test
	void offChangesNothing() {
		Redactor off = new Redactor(false);
		String text = "alice@example.com +44 20 7946 0958 4111 1111 1111 1111";
		assertThat(off.redact(text)).isSameAs(text);
		assertThat(off.redact(null)).isNull();
		assertThat(off.enabled()).isFalse();
	}

	@Test
	void aTextWithNothingToRedactIsReturnedAsItIs() {
		String text = "Nothing personal here, just 3 numbers: 1, 2 and 3.";
		assertThat(on.redact(text)).isSameAs(text);
		assertThat(on.redact(null)).isNull();
	}

	@Test
	void everyKindInOneText() {
		assertThat(on.redact("Mail alice@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111, "
				+ "IBAN DE89 3704 0044 0532 0130 00, key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z."))
			.isEqualTo("Mail [EMAIL], call [PHONE], card [CARD], IBAN [IBAN], key [SECRET].");
	}

	@Test
	void checksums() {
		assertThat(Checksums.luhn("4111111111111111")).isTrue();
		assertThat(Checksums.luhn("4111111111111112")).isFalse();
		assertThat(Checksums.ibanValid("GB82WEST12345698765432")).isTrue();
		assertThat(Checksums.ibanValid("GB83WEST12345698765432")).isFalse();
		assertThat(Checksums.ibanLength("DE")).isEqualTo(22);
		assertThat(Checksums.ibanLength("US")).isZero();
	}

	static Stream<Arguments> corpus() {
		List<Arguments> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(
				Objects.requireNonNull(RedactorTests.class.getResourceAsStream("/redaction/corpus.tsv")),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t", -1);
				if (columns.length != 3) {
					throw new IllegalStateException("Not three columns: " + line);
				}
				String input = unescaped(columns[1]);
				rows.add(Arguments.of(columns[0], input, "=".equals(columns[2]) ? input : unescaped(columns[2])));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return rows.stream();
	}

	private static String unescaped(String text) {
		StringBuilder unescaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				unescaped.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
			}
			else {
				unescaped.append(c);
			}
		}
		return unescaped.toString();
	}

}
