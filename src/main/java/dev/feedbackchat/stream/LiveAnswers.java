package dev.feedbackchat.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.Responder.Turn;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.AnswerProgress.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The registry of answers being generated, keyed by message id. It knows nothing of sessions: request
 * threads ask it for progress and copy that into their session's conversation.
 */
@Component
public class LiveAnswers implements SmartLifecycle, LiveAnswer.Observer {

	private static final Logger log = LoggerFactory.getLogger(LiveAnswers.class);

	private final Map<UUID, LiveAnswer> answers = new ConcurrentHashMap<>();

	private final Responder responder;

	private final Executor finisher;

	private final StreamProperties properties;

	private final MeterRegistry meters;

	private final Timer firstCharacter;

	/** Answers started and not yet finished (stored); guarded by this. */
	private int generating;

	private volatile boolean accepting = true;

	LiveAnswers(Responder responder, @Qualifier("answerFinisher") Executor finisher, StreamProperties properties,
			MeterRegistry meters) {
		this.responder = responder;
		this.finisher = finisher;
		this.properties = properties;
		this.meters = meters;
		this.firstCharacter = Timer.builder("chat.stream.first.character")
			.description("Time from a prompt to the first character of its answer")
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("chat.streams.active", this, LiveAnswers::activeStreams)
			.description("Open SSE connections to answers")
			.register(meters);
	}

	/**
	 * Starts generating the answer to {@code prompt}, which follows {@code history}; a retry starts again
	 * under the same id. {@code whenStored} gets the finished answer on the finisher executor, before the
	 * answer counts as finished; if it throws, a complete or stopped answer is finished as failed.
	 */
	public void start(UUID messageId, List<Turn> history, String prompt, Consumer<AnswerProgress> whenStored) {
		LiveAnswer answer = register(whenStored);
		answers.put(messageId, answer);
		answer.generatedBy(responder.respond(history, prompt, answer));
	}

	/**
	 * Takes over an answer that another instance was generating, unless this registry already has it: an
	 * answer this responder can reproduce continues here as if it had been generated here from the start
	 * ({@link Responder#resume}); any other is produced by {@code otherwise} (which follows the record).
	 */
	public void takeOver(UUID messageId, List<Turn> history, String prompt, Duration elapsed, String generatedBy,
			Function<TokenSink, Generation> otherwise, Consumer<AnswerProgress> whenStored) {
		answers.computeIfAbsent(messageId, id -> {
			LiveAnswer answer = register(whenStored);
			answer.generatedBy(responder.name().equals(generatedBy)
					? responder.resume(history, prompt, elapsed, answer).orElseGet(() -> otherwise.apply(answer))
					: otherwise.apply(answer));
			return answer;
		});
	}

	private LiveAnswer register(Consumer<AnswerProgress> whenStored) {
		synchronized (this) {
			generating++;
		}
		return new LiveAnswer(whenStored, finisher, this);
	}

	/** False once the app is shutting down: no new answer should start. */
	public boolean accepting() {
		return accepting;
	}

	@Override
	public void firstText(long nanosSinceStart) {
		firstCharacter.record(nanosSinceStart, TimeUnit.NANOSECONDS);
	}

	@Override
	public void ended(Outcome outcome, long nanosSinceStart) {
		Timer.builder("chat.stream.duration")
			.description("Time from a prompt to the end of its answer")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(meters)
			.record(nanosSinceStart, TimeUnit.NANOSECONDS);
		synchronized (this) {
			generating--;
			notifyAll();
		}
	}

	@Override
	public void start() {
		accepting = true;
	}

	@Override
	public boolean isRunning() {
		return accepting;
	}

	/** Stops first on shutdown, while the web server still serves the streams of the answers in flight. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	/**
	 * Graceful shutdown: refuse new answers, and wait (up to {@code chat.stream.shutdown-timeout}) until the
	 * answers in flight have finished and been stored.
	 */
	@Override
	public void stop() {
		accepting = false;
		long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
		synchronized (this) {
			while (generating > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					log.warn("Shutting down with {} answers still being generated", generating);
					return;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Stops an answer being generated, keeping its text so far; false when it is not generating. */
	public boolean stop(UUID messageId) {
		LiveAnswer answer = answers.get(messageId);
		return answer != null && answer.stop();
	}

	/** Recorded with each answer: what produced it. */
	public String responderName() {
		return responder.name();
	}

	/** Recorded with each answer: the model behind it. */
	public String model() {
		return responder.model();
	}

	public Optional<AnswerProgress> progress(UUID messageId) {
		return Optional.ofNullable(answers.get(messageId)).map(LiveAnswer::progress);
	}

	/**
	 * Opens an SSE stream of the answer from code point {@code from} on. An answer this registry no longer
	 * holds has long finished: its stream is only the closing event.
	 */
	public SseEmitter subscribe(UUID messageId, int from) {
		SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
		LiveAnswer answer = answers.get(messageId);
		if (answer == null) {
			LiveAnswer.close(emitter);
			return emitter;
		}
		emitter.onCompletion(() -> answer.detach(emitter));
		emitter.onError(error -> answer.detach(emitter));
		// The browser reconnects with Last-Event-ID and resumes where this connection stopped.
		emitter.onTimeout(emitter::complete);
		answer.attach(emitter, from);
		return emitter;
	}

	/** Open SSE connections over all answers. */
	public int activeStreams() {
		return answers.values().stream().mapToInt(LiveAnswer::listenerCount).sum();
	}

	@Scheduled(fixedDelayString = "PT1M")
	void evictFinished() {
		Instant cutoff = Instant.now().minus(properties.retention());
		answers.values().removeIf(answer -> answer.finishedBefore(cutoff));
	}

}
