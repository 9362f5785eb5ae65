package dev.feedbackchat.stream;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.AnswerProgress.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveAnswersTests {

	/** Answers at once with the prompt reversed, so tests need no scheduler. */
	static final Responder INSTANT = responder((prompt, sink) -> {
		sink.token(new StringBuilder(prompt).reverse().toString());
		sink.complete();
	});

	/** Answers only "partial" and never finishes. */
	static final Responder PARTIAL = responder((prompt, sink) -> sink.token("partial"));

	static Responder responder(java.util.function.BiConsumer<String, TokenSink> answer) {
		return new Responder() {
			@Override
			public String name() {
				return "test";
			}

			@Override
			public String model() {
				return "test";
			}

			@Override
			public Generation respond(List<Turn> history, String prompt, TokenSink sink) {
				answer.accept(prompt, sink);
				return () -> {
				};
			}
		};
	}

	@Test
	void progressReportsTheTextAndWhetherItIsFinal() {
		LiveAnswers answers = new LiveAnswers(PARTIAL, Runnable::run,
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(1)), new SimpleMeterRegistry());
		UUID id = UUID.randomUUID();
		answers.start(id, List.of(), "ignored", text -> {
		});
		assertProgress(answers, id, "partial", Outcome.GENERATING, null);
		assertThat(answers.progress(UUID.randomUUID())).isEmpty();
	}

	@Test
	void finishedAnswersAreKeptForTheRetentionThenEvicted() {
		LiveAnswers kept = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(1)), new SimpleMeterRegistry());
		UUID id = UUID.randomUUID();
		kept.start(id, List.of(), "abc", text -> {
		});
		kept.evictFinished();
		assertProgress(kept, id, "cba", Outcome.COMPLETE, null);

		LiveAnswers evicted = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1), Duration.ofSeconds(1)), new SimpleMeterRegistry());
		evicted.start(id, List.of(), "abc", text -> {
		});
		evicted.evictFinished();
		assertThat(evicted.progress(id)).isEmpty();
	}

	@Test
	void answersStillBeingGeneratedAreNeverEvicted() {
		LiveAnswers answers = new LiveAnswers(PARTIAL, Runnable::run,
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1), Duration.ofSeconds(1)), new SimpleMeterRegistry());
		UUID id = UUID.randomUUID();
		answers.start(id, List.of(), "ignored", text -> {
		});
		answers.evictFinished();
		assertProgress(answers, id, "partial", Outcome.GENERATING, null);
	}

	@Test
	void anAnswerWhoseStoringFailsFinishesAsFailed() {
		LiveAnswers answers = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(1)), new SimpleMeterRegistry());
		UUID id = UUID.randomUUID();
		answers.start(id, List.of(), "abc", text -> {
			throw new IllegalStateException("database down");
		});
		assertProgress(answers, id, "cba", Outcome.FAILED, "This answer could not be saved, so it cannot be rated.");
	}

	static void assertProgress(LiveAnswers answers, UUID id, String text, Outcome outcome, String error) {
		assertThat(answers.progress(id)).hasValueSatisfying(progress -> {
			assertThat(progress.text()).isEqualTo(text);
			assertThat(progress.outcome()).isEqualTo(outcome);
			assertThat(progress.error()).isEqualTo(error);
		});
	}

}
