package dev.feedbackchat.stream;

import java.time.Duration;
import java.util.UUID;

import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.TokenSink;
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
			public void respond(String prompt, TokenSink sink) {
				answer.accept(prompt, sink);
			}
		};
	}

	@Test
	void progressReportsTheTextAndWhetherItIsFinal() {
		LiveAnswers answers = new LiveAnswers(PARTIAL, Runnable::run,
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30)));
		UUID id = UUID.randomUUID();
		answers.start(id, "ignored", text -> {
		});
		assertThat(answers.progress(id)).contains(new AnswerProgress("partial", false, false));
		assertThat(answers.progress(UUID.randomUUID())).isEmpty();
	}

	@Test
	void finishedAnswersAreKeptForTheRetentionThenEvicted() {
		LiveAnswers kept = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30)));
		UUID id = UUID.randomUUID();
		kept.start(id, "abc", text -> {
		});
		kept.evictFinished();
		assertThat(kept.progress(id)).contains(new AnswerProgress("cba", true, false));

		LiveAnswers evicted = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1)));
		evicted.start(id, "abc", text -> {
		});
		evicted.evictFinished();
		assertThat(evicted.progress(id)).isEmpty();
	}

	@Test
	void answersStillBeingGeneratedAreNeverEvicted() {
		LiveAnswers answers = new LiveAnswers(PARTIAL, Runnable::run,
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1)));
		UUID id = UUID.randomUUID();
		answers.start(id, "ignored", text -> {
		});
		answers.evictFinished();
		assertThat(answers.progress(id)).contains(new AnswerProgress("partial", false, false));
	}

	@Test
	void anAnswerWhoseStoringFailsFinishesAsFailed() {
		LiveAnswers answers = new LiveAnswers(INSTANT, Runnable::run, new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30)));
		UUID id = UUID.randomUUID();
		answers.start(id, "abc", text -> {
			throw new IllegalStateException("database down");
		});
		assertThat(answers.progress(id)).contains(new AnswerProgress("cba", true, true));
	}

}
