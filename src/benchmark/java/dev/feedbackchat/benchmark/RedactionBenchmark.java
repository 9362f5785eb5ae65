package dev.feedbackchat.benchmark;

import java.util.Map;
import java.util.function.Supplier;

import dev.feedbackchat.redaction.Redactor;

/**
 * How long chat.privacy.redact takes on 8,000-character texts, the longest a prompt or a correction may be (docs/
 * benchmarks.md, "Redaction"). A loop after a warm-up, not a test: {@code java -cp target/classes:target/test-classes
 * dev.feedbackchat.benchmark.RedactionBenchmark} after {@code ./mvnw -q -Pbenchmark test-compile}.
 */
public final class RedactionBenchmark {

	private static final int LENGTH = 8_000;

	private RedactionBenchmark() {
	}

	public static void main(String[] args) {
		Redactor redactor = new Redactor(true);
		Map<String, String> texts = Map.of(
				"prose, nothing to redact", text(() -> "The quick brown fox jumps over the lazy dog while the model "
						+ "explains the answer in plain words, with no number at all. "),
				"chat with personal data", text(() -> "Hi, I am Alice (alice@example.com, +44 20 7946 0958). My card "
						+ "4111 1111 1111 1111 was charged twice on 2024-01-15 at 12:30; IBAN DE89 3704 0044 0532 0130 00. "
						+ "Version 1.2.3 of the app, order #100234567, id 123e4567-e89b-12d3-a456-426614174000. "),
				"code with keys and numbers", text(() -> "const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n"
						+ "token = \"ghp_16C7e42F292c6912E7710c838347Ae178B4a\" # 2024-01-15\n"
						+ "for (int i = 0; i < 1000000; i++) { sum += values[i] * 31 + 0x5f3759df; }\n"),
				"digits only", text(() -> "1234 5678 9012 3456 7890 "));
		for (Map.Entry<String, String> text : texts.entrySet()) {
			String input = text.getValue();
			int sink = 0;
			for (int i = 0; i < 5_000; i++) {
				sink += redactor.redact(input).length();
			}
			int runs = 20_000;
			long start = System.nanoTime();
			for (int i = 0; i < runs; i++) {
				sink += redactor.redact(input).length();
			}
			double micros = (System.nanoTime() - start) / 1_000.0 / runs;
			System.out.printf("%-28s %,6d chars -> %,6d: %7.1f µs per text (%d)%n", text.getKey(), input.length(),
					redactor.redact(input).length(), micros, sink % 10);
		}
	}

	private static String text(Supplier<String> piece) {
		StringBuilder text = new StringBuilder(LENGTH + 200);
		while (text.length() < LENGTH) {
			text.append(piece.get());
		}
		return text.substring(0, LENGTH);
	}

}
