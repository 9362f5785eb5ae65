package dev.feedbackchat.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.feedbackchat.responder.Responder;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The registry of answers being generated, keyed by message id. It knows nothing of sessions: request
 * threads ask it for progress and copy that into their session's conversation.
 */
@Component
public class LiveAnswers {

	private final Map<UUID, LiveAnswer> answers = new ConcurrentHashMap<>();

	private final Responder responder;

	private final Executor finisher;

	private final StreamProperties properties;

	LiveAnswers(Responder responder, @Qualifier("answerFinisher") Executor finisher, StreamProperties properties) {
		this.responder = responder;
		this.finisher = finisher;
		this.properties = properties;
	}

	/**
	 * Starts generating the answer to {@code prompt}. {@code whenFinished} gets its final text on the
	 * finisher executor, before the answer counts as finished; if it throws, the answer is finished as failed.
	 */
	public void start(UUID messageId, String prompt, Consumer<String> whenFinished) {
		LiveAnswer answer = new LiveAnswer(whenFinished, finisher);
		answers.put(messageId, answer);
		responder.respond(prompt, answer);
	}

	/** Recorded with each answer: what produced it. */
	public String responderName() {
		return responder.name();
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
