package dev.feedbackchat.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;

import dev.feedbackchat.limits.Slot;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer: its text grows here whether or not anyone listens, and every piece goes out to the SSE
 * connections attached to it. Connections attach and detach at any time and get the text from where they
 * ask for it. Sending never blocks ({@link SseConnection}), so pieces are sent on the generating thread.
 */
final class LiveAnswer implements TokenSink {

	/** The id of the session whose conversation holds the answer; {@code null} when not known. */
	private final String owner;

	private static final Logger log = LoggerFactory.getLogger(LiveAnswer.class);

	static final String NOT_SAVED = "answer.failed.notSaved";

	/** Hears when an answer shows its first text and when it has finished. */
	interface Observer {

		void firstText(long nanosSinceStart);

		void ended(AnswerStatus status, long nanosSinceStart);

	}

	private final Executor finishing;

	private final Observer observer;

	/** The answer's place among those its client may have generated at once; released when it has ended. */
	private final Slot slot;

	private final long startedNanos = System.nanoTime();

	/** Dropped once the answer has finished, like {@code generation}: finished answers are kept for a while. */
	private Finisher finisher;

	private Generation generation;

	private final StringBuilder text = new StringBuilder();

	private int length;

	private Long firstTokenMillis;

	/** Set when the end is known: later pieces (a generation racing its cancel) are dropped. */
	private boolean ending;

	private AnswerStatus status = AnswerStatus.GENERATING;

	private String error;

	private Instant finishedAt;

	private final List<Listener> listeners = new ArrayList<>();

	/**
	 * An open connection, the code points it has been sent, and the language of its closing event. Usually
	 * {@code sent} is the answer's length; it is ahead when a client resumes an answer that another instance had
	 * typed further than this one has.
	 */
	private static final class Listener {

		final SseConnection connection;

		final Locale locale;

		int sent;

		Listener(SseConnection connection, Locale locale, int sent) {
			this.connection = connection;
			this.locale = locale;
			this.sent = sent;
		}

	}

	/**
	 * @param finisher  records the ended answer before anyone learns it has finished
	 * @param finishing runs {@code finisher}: it may block on I/O, which generating threads must not
	 */
	LiveAnswer(String owner, Slot slot, Finisher finisher, Executor finishing, Observer observer) {
		this.owner = owner;
		this.slot = slot;
		this.finisher = finisher;
		this.finishing = finishing;
		this.observer = observer;
	}

	String owner() {
		return owner;
	}

	/** The generation is known only once it has started, and it may already have ended (or been stopped). */
	void generatedBy(Generation generation) {
		synchronized (this) {
			if (!ending) {
				this.generation = generation;
				return;
			}
		}
		generation.cancel();
	}

	synchronized AnswerProgress progress() {
		return new AnswerProgress(text.toString(), status, error, firstTokenMillis);
	}

	synchronized boolean finished() {
		return finishedAt != null;
	}

	synchronized boolean finishedBefore(Instant instant) {
		return finishedAt != null && finishedAt.isBefore(instant);
	}

	/**
	 * Sends the text from code point {@code from} on, then every new piece, then the closing event. The
	 * catch-up is queued under the lock so no new piece can overtake it.
	 *
	 * @param locale the language of its closing event
	 * @return false when the answer has finished: the caller sends the closing event itself
	 */
	synchronized boolean attach(SseConnection connection, int from, Locale locale) {
		if (finishedAt != null) {
			return false;
		}
		int start = Math.max(0, from);
		if (start < length) {
			connection.send(SseEvents.chunk(text.substring(text.offsetByCodePoints(0, start)), length));
		}
		// A connection that has already ended has detached itself (or will, once this lock is free).
		if (connection.isOpen()) {
			listeners.add(new Listener(connection, locale, Math.max(start, length)));
		}
		return true;
	}

	synchronized void detach(SseConnection connection) {
		listeners.removeIf(listener -> listener.connection == connection);
	}

	@Override
	public void token(String piece) {
		List<SseConnection> targets = new ArrayList<>(2);
		// Rarely used: listeners that were ahead of this answer, and the event each still needs.
		List<SseConnection> ahead = null;
		List<byte[]> rest = null;
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
					targets.add(listener.connection);
				}
				else if (listener.sent < lengthAfter) {
					if (ahead == null) {
						ahead = new ArrayList<>();
						rest = new ArrayList<>();
					}
					ahead.add(listener.connection);
					rest.add(SseEvents.chunk(text.substring(text.offsetByCodePoints(0, listener.sent)), lengthAfter));
				}
				listener.sent = Math.max(listener.sent, lengthAfter);
			}
		}
		// Outside the lock: a connection that falls too far behind detaches itself, which takes the lock.
		if (!targets.isEmpty()) {
			byte[] event = SseEvents.chunk(piece, lengthAfter);
			targets.forEach(connection -> connection.send(event));
		}
		for (int i = 0; ahead != null && i < ahead.size(); i++) {
			ahead.get(i).send(rest.get(i));
		}
	}

	@Override
	public void complete() {
		end(AnswerStatus.COMPLETE, null);
	}

	@Override
	public void fail(String reason) {
		end(AnswerStatus.FAILED, reason);
	}

	/** Stops the generation and keeps the text so far as the answer; false when it had already ended. */
	boolean stop() {
		Generation running;
		synchronized (this) {
			if (ending) {
				return false;
			}
			ending = true;
			running = generation;
		}
		if (running != null) {
			running.cancel();
		}
		finishing.execute(() -> finish(AnswerStatus.STOPPED, null));
		return true;
	}

	/** The done event in a language: empty where the answer could not be recorded or its HTML not rendered. */
	private static Function<Locale, byte[]> closingEvent(Finished finished) {
		return locale -> {
			String html = null;
			if (finished != null && finished.closingHtml() != null) {
				try {
					html = finished.closingHtml().apply(locale);
				}
				catch (RuntimeException ex) {
					log.error("Could not render a finished answer for its stream", ex);
				}
			}
			return SseEvents.done(html);
		};
	}

	private void end(AnswerStatus how, String reason) {
		synchronized (this) {
			if (ending) {
				return;
			}
			ending = true;
		}
		finishing.execute(() -> finish(how, reason));
	}

	/** On the finisher executor: records the answer, then it counts as finished and its connections close. */
	private void finish(AnswerStatus how, String reason) {
		AnswerProgress ended;
		Finisher recorder;
		synchronized (this) {
			ended = new AnswerProgress(text.toString(), how, reason, firstTokenMillis);
			recorder = finisher;
		}
		AnswerStatus result = how;
		String message = reason;
		Finished finished = null;
		try {
			// Failed answers are recorded too: another instance may be asked how this one ended.
			finished = recorder.finish(ended);
			if (finished.progress().finished()) {
				result = finished.progress().status();
				message = finished.progress().error();
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not record a finished answer", ex);
			if (how != AnswerStatus.FAILED) {
				result = AnswerStatus.FAILED;
				message = NOT_SAVED;
			}
		}
		// Before anyone can learn that it has finished: the client's next prompt must find the place free.
		slot.release();
		List<Listener> targets;
		synchronized (this) {
			// Neither is needed any more (stop() returns early once ending); a finished answer is kept in
			// memory for chat.stream.retention, so it should not hold the generation and what it refers to.
			generation = null;
			finisher = null;
			status = result;
			error = message;
			finishedAt = Instant.now();
			targets = List.copyOf(listeners);
			listeners.clear();
		}
		// Rendered once per language of the connections open now (usually one).
		Map<Locale, byte[]> done = new LinkedHashMap<>();
		for (Listener target : targets) {
			target.connection.closeAfter(done.computeIfAbsent(target.locale, closingEvent(finished)));
		}
		observer.ended(result, System.nanoTime() - startedNanos);
	}

}
