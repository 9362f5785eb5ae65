package dev.feedbackchat.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.feedbackchat.responder.TokenSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One answer being generated. Its text grows here whether or not anyone listens; SSE connections attach
 * and detach at any time and get the text from where they ask for it.
 */
final class LiveAnswer implements TokenSink {

	private static final Logger log = LoggerFactory.getLogger(LiveAnswer.class);

	private final Consumer<String> whenFinished;

	private final Executor finisher;

	private final StringBuilder text = new StringBuilder();

	private int length;

	private Instant finishedAt;

	private boolean failed;

	private final List<SseEmitter> listeners = new ArrayList<>();

	/**
	 * @param whenFinished gets the final text before anyone learns the answer is finished (it stores it)
	 * @param finisher     runs {@code whenFinished}: it may block on I/O, which the typing threads must not
	 */
	LiveAnswer(Consumer<String> whenFinished, Executor finisher) {
		this.whenFinished = whenFinished;
		this.finisher = finisher;
	}

	synchronized AnswerProgress progress() {
		return new AnswerProgress(text.toString(), finishedAt != null, failed);
	}

	synchronized boolean finishedBefore(Instant instant) {
		return finishedAt != null && finishedAt.isBefore(instant);
	}

	synchronized int listenerCount() {
		return listeners.size();
	}

	/**
	 * Sends the text from code point {@code from} on, then every new piece, then the closing event. The
	 * catch-up is sent under the lock so no new piece can overtake it; the emitter is not yet handed to the
	 * container, so that send only buffers. A finished answer sends only the closing event: the page then
	 * fetches the whole finished message.
	 */
	void attach(SseEmitter emitter, int from) {
		synchronized (this) {
			if (finishedAt == null) {
				int start = Math.max(0, Math.min(from, length));
				if (start < length) {
					send(emitter, SseEvents.chunk(text.substring(text.offsetByCodePoints(0, start)), length));
				}
				listeners.add(emitter);
				return;
			}
		}
		close(emitter);
	}

	synchronized void detach(SseEmitter emitter) {
		listeners.remove(emitter);
	}

	@Override
	public void token(String piece) {
		List<SseEmitter> targets;
		int lengthAfter;
		synchronized (this) {
			text.append(piece);
			length += piece.codePointCount(0, piece.length());
			lengthAfter = length;
			targets = List.copyOf(listeners);
		}
		if (!targets.isEmpty()) {
			Set<DataWithMediaType> event = SseEvents.chunk(piece, lengthAfter);
			for (SseEmitter emitter : targets) {
				if (!send(emitter, event)) {
					detach(emitter);
				}
			}
		}
	}

	@Override
	public void complete() {
		finisher.execute(this::finish);
	}

	private void finish() {
		boolean stored = true;
		try {
			whenFinished.accept(progress().text());
		}
		catch (RuntimeException ex) {
			log.error("Could not store a finished answer", ex);
			stored = false;
		}
		List<SseEmitter> targets;
		synchronized (this) {
			failed = !stored;
			finishedAt = Instant.now();
			targets = List.copyOf(listeners);
			listeners.clear();
		}
		targets.forEach(LiveAnswer::close);
	}

	static void close(SseEmitter emitter) {
		if (send(emitter, SseEvents.done())) {
			emitter.complete();
		}
	}

	/** False when the client has gone: the caller stops writing to it. */
	private static boolean send(SseEmitter emitter, Set<DataWithMediaType> event) {
		try {
			emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			return false;
		}
	}

}
