package dev.feedbackchat.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class LiveAnswersTests {

	static final Generation NOTHING_TO_CANCEL = () -> {
	};

	/** Answers at once with "cba", so tests need no scheduler. */
	static final Function<TokenSink, Generation> INSTANT = sink -> {
		sink.token("cba");
		sink.complete();
		return NOTHING_TO_CANCEL;
	};

	/** Answers only "partial" and never finishes. */
	static final Function<TokenSink, Generation> PARTIAL = sink -> {
		sink.token("partial");
		return NOTHING_TO_CANCEL;
	};

	static final Finisher RECORDED = ended -> Finished.of(ended, "<p>done</p>");

	static LiveAnswers answers(Duration retention) {
		return new LiveAnswers(Runnable::run,
				new StreamProperties(Duration.ofMinutes(1), retention, Duration.ofSeconds(1), DataSize.ofKilobytes(64)),
				new SimpleMeterRegistry());
	}

	@Test
	void progress() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		answers.start(id, PARTIAL, RECORDED);
		assertProgress(answers, id, "partial", AnswerStatus.GENERATING, null);
		assertThat(answers.progress(UUID.randomUUID())).isEmpty();
	}

	@Test
	void finishedKeptThenEvicted() {
		LiveAnswers kept = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		kept.start(id, INSTANT, RECORDED);
		kept.evictFinished();
		assertProgress(kept, id, "cba", AnswerStatus.COMPLETE, null);

		LiveAnswers evicted = answers(Duration.ofMillis(-1));
		evicted.start(id, INSTANT, RECORDED);
		evicted.evictFinished();
		assertThat(evicted.progress(id)).isEmpty();
	}

	@Test
	void generatingNeverEvicted() {
		LiveAnswers answers = answers(Duration.ofMillis(-1));
		UUID id = UUID.randomUUID();
		answers.start(id, PARTIAL, RECORDED);
		answers.evictFinished();
		assertProgress(answers, id, "partial", AnswerStatus.GENERATING, null);
	}

	@Test
	void unrecordedFails() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		answers.start(id, INSTANT, ended -> {
			throw new IllegalStateException("database down");
		});
		assertProgress(answers, id, "cba", AnswerStatus.FAILED, LiveAnswer.NOT_SAVED);
	}

	@Test
	void finisherDecidesTheEnd() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		answers.start(id, INSTANT, ended -> new Finished(new AnswerProgress(ended.text(), AnswerStatus.FAILED, "no", null), null));
		assertProgress(answers, id, "cba", AnswerStatus.FAILED, "no");
	}

	@Test
	void finisherGetsTheEndedAnswer() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		List<AnswerProgress> recorded = new ArrayList<>();
		answers.start(UUID.randomUUID(), INSTANT, ended -> {
			recorded.add(ended);
			return Finished.of(ended, "");
		});
		assertThat(recorded).singleElement().satisfies(ended -> {
			assertThat(ended.text()).isEqualTo("cba");
			assertThat(ended.status()).isEqualTo(AnswerStatus.COMPLETE);
			assertThat(ended.firstTokenMillis()).isNotNull();
		});
	}

	@Test
	void stopKeepsTheText() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		List<String> cancelled = new ArrayList<>();
		answers.start(id, sink -> {
			sink.token("part");
			return () -> cancelled.add("cancelled");
		}, RECORDED);
		assertThat(answers.stop(id)).isTrue();
		assertThat(cancelled).containsExactly("cancelled");
		assertProgress(answers, id, "part", AnswerStatus.STOPPED, null);
		assertThat(answers.stop(id)).isFalse();
		assertThat(answers.stop(UUID.randomUUID())).isFalse();
	}

	@Test
	void takeOverKeepsAnAnswerHeldHere() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		UUID id = UUID.randomUUID();
		answers.start(id, PARTIAL, RECORDED);
		answers.takeOver(id, INSTANT, RECORDED);
		assertProgress(answers, id, "partial", AnswerStatus.GENERATING, null);
		UUID other = UUID.randomUUID();
		answers.takeOver(other, INSTANT, RECORDED);
		assertProgress(answers, other, "cba", AnswerStatus.COMPLETE, null);
	}

	@Test
	void notAcceptingOnceStopped() {
		LiveAnswers answers = answers(Duration.ofMinutes(30));
		assertThat(answers.accepting()).isTrue();
		answers.stop();
		assertThat(answers.accepting()).isFalse();
	}

	static void assertProgress(LiveAnswers answers, UUID id, String text, AnswerStatus status, String error) {
		assertThat(answers.progress(id)).hasValueSatisfying(progress -> {
			assertThat(progress.text()).isEqualTo(text);
			assertThat(progress.status()).isEqualTo(status);
			assertThat(progress.error()).isEqualTo(error);
		});
	}

}
