package dev.feedbackchat.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.AnswerProgress.Outcome;
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

	/** Dropped once the answer is finished, like {@code generation}: finished answers are kept for a while. */
	private Consumer<AnswerProgress> whenStored;

	private final Executor finisher;

	private final Observer observer;

	private final long startedNanos = System.nanoTime();

	private final StringBuilder text = new StringBuilder();

	private int length;

	private Long firstTokenMillis;

	private Generation generation;

	/** Set when the end is known: later pieces (a generation racing its cancel) are dropped. */
	private boolean ending;

	private Instant finishedAt;

	private Outcome outcome = Outcome.GENERATING;

	private String error;

	private final List<Listener> listeners = new ArrayList<>();

	/**
	 * An open connection and the code points it has been sent. Usually that is the answer's length; it is
	 * ahead when a client resumes an answer that another instance had typed further than this one has.
	 */
	private static final class Listener {

		final SseEmitter emitter;

		int sent;

		Listener(SseEmitter emitter, int sent) {
			this.emitter = emitter;
			this.sent = sent;
		}

	}

	/**
	 * @param whenStored gets the finished answer before anyone learns it is finished: it stores it
	 * @param finisher   runs {@code whenStored}: it may block on I/O, which the typing threads must not
	 */
	LiveAnswer(Consumer<AnswerProgress> whenStored, Executor finisher, Observer observer) {
		this.whenStored = whenStored;
		this.finisher = finisher;
		this.observer = observer;
	}

	/** Hears when an answer shows its first text and when it has ended (and been stored). */
	interface Observer {

		void firstText(long nanosSinceStart);

		void ended(Outcome outcome, long nanosSinceStart);

	}

	synchronized void generatedBy(Generation generation) {
		this.generation = generation;
	}

	synchronized AnswerProgress progress() {
		return new AnswerProgress(text.toString(), outcome, error, firstTokenMillis);
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
				int start = Math.max(0, from);
				if (start < length) {
					send(emitter, SseEvents.chunk(text.substring(text.offsetByCodePoints(0, start)), length));
				}
				listeners.add(new Listener(emitter, Math.max(start, length)));
				return;
			}
		}
		close(emitter);
	}

	synchronized void detach(SseEmitter emitter) {
		listeners.removeIf(listener -> listener.emitter == emitter);
	}

	@Override
	public void token(String piece) {
		List<SseEmitter> targets = new ArrayList<>(2);
		// Rarely used: listeners that were ahead of this answer, and the part of the text each still needs.
		List<SseEmitter> ahead = null;
		List<String> rest = null;
		int lengthAfter;
		synchronized (this) {
			if (ending) {
				return;
			}
			if (firstTokenMillis == null) {
				long nanos = System.nanoTime() - startedNanos;
				firstTokenMillis = nanos / 1_000_000;
				observer.firstText(nanos);
			}
			int lengthBefore = length;
			text.append(piece);
			length += piece.codePointCount(0, piece.length());
			lengthAfter = length;
			for (Listener listener : listeners) {
				if (listener.sent <= lengthBefore) {
					targets.add(listener.emitter);
				}
				else if (listener.sent < lengthAfter) {
					if (ahead == null) {
						ahead = new ArrayList<>();
						rest = new ArrayList<>();
					}
					ahead.add(listener.emitter);
					rest.add(text.substring(text.offsetByCodePoints(0, listener.sent)));
				}
				listener.sent = Math.max(listener.sent, lengthAfter);
			}
		}
		if (!targets.isEmpty()) {
			Set<DataWithMediaType> event = SseEvents.chunk(piece, lengthAfter);
			targets.forEach(emitter -> sendOrDetach(emitter, event));
		}
		for (int i = 0; ahead != null && i < ahead.size(); i++) {
			sendOrDetach(ahead.get(i), SseEvents.chunk(rest.get(i), lengthAfter));
		}
	}

	private void sendOrDetach(SseEmitter emitter, Set<DataWithMediaType> event) {
		if (!send(emitter, event)) {
			detach(emitter);
		}
	}

	@Override
	public void complete() {
		end(Outcome.COMPLETE, null);
	}

	@Override
	public void fail(String reason) {
		end(Outcome.FAILED, reason);
	}

	/** Stops the generation and keeps the text so far as the answer; false when it had already ended. */
	boolean stop() {
		Generation running;
		synchronized (this) {
			if (ending) {
				return false;
			}
			running = generation;
		}
		if (running != null) {
			running.cancel();
		}
		end(Outcome.STOPPED, null);
		return true;
	}

	private void end(Outcome how, String reason) {
		synchronized (this) {
			if (ending) {
				return;
			}
			ending = true;
		}
		finisher.execute(() -> finish(how, reason));
	}

	private void finish(Outcome how, String reason) {
		Outcome result = how;
		String message = reason;
		try {
			// Failed answers are recorded too: another instance may be asked how this one ended.
			storer().accept(new AnswerProgress(progress().text(), how, reason, firstTokenMillis()));
		}
		catch (RuntimeException ex) {
			log.error("Could not store a finished answer", ex);
			if (how != Outcome.FAILED) {
				result = Outcome.FAILED;
				message = "This answer could not be saved, so it cannot be rated.";
			}
		}
		List<SseEmitter> targets;
		synchronized (this) {
			// Neither is needed any more (stop() returns early once ending); a finished answer is kept in
			// memory for chat.stream.retention, so it should not hold the typing task and its code points.
			generation = null;
			whenStored = null;
			outcome = result;
			error = message;
			finishedAt = Instant.now();
			targets = listeners.stream().map(listener -> listener.emitter).toList();
			listeners.clear();
		}
		targets.forEach(LiveAnswer::close);
		observer.ended(result, System.nanoTime() - startedNanos);
	}

	private synchronized Consumer<AnswerProgress> storer() {
		return whenStored;
	}

	private synchronized Long firstTokenMillis() {
		return firstTokenMillis;
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
