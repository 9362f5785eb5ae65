package dev.feedbackchat.stream;

import java.time.Duration;
import java.util.UUID;

import dev.feedbackchat.responder.Responder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveAnswersTests {

	/** Answers at once with the prompt reversed, so tests need no scheduler. */
	static final Responder INSTANT = (prompt, sink) -> {
		sink.token(new StringBuilder(prompt).reverse().toString());
		sink.complete();
	};

	@Test
	void progressReportsTheTextAndWhetherItIsFinal() {
		LiveAnswers answers = new LiveAnswers((prompt, sink) -> sink.token("partial"),
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30)));
		UUID id = UUID.randomUUID();
		answers.start(id, "ignored");
		assertThat(answers.progress(id)).contains(new AnswerProgress("partial", false));
		assertThat(answers.progress(UUID.randomUUID())).isEmpty();
	}

	@Test
	void finishedAnswersAreKeptForTheRetentionThenEvicted() {
		LiveAnswers kept = new LiveAnswers(INSTANT, new StreamProperties(Duration.ofMinutes(1), Duration.ofMinutes(30)));
		UUID id = UUID.randomUUID();
		kept.start(id, "abc");
		kept.evictFinished();
		assertThat(kept.progress(id)).contains(new AnswerProgress("cba", true));

		LiveAnswers evicted = new LiveAnswers(INSTANT, new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1)));
		evicted.start(id, "abc");
		evicted.evictFinished();
		assertThat(evicted.progress(id)).isEmpty();
	}

	@Test
	void answersStillBeingGeneratedAreNeverEvicted() {
		LiveAnswers answers = new LiveAnswers((prompt, sink) -> sink.token("so far"),
				new StreamProperties(Duration.ofMinutes(1), Duration.ofMillis(-1)));
		UUID id = UUID.randomUUID();
		answers.start(id, "ignored");
		answers.evictFinished();
		assertThat(answers.progress(id)).contains(new AnswerProgress("so far", false));
	}

}
