package dev.feedbackchat.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.feedbackchat.limits.Slot;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The registry of answers being generated here, keyed by answer id, and of their SSE connections. It knows
 * nothing of sessions or responders: request threads ask it for progress and copy that into their session's
 * conversation.
 */
@Component
public class LiveAnswers implements SmartLifecycle, LiveAnswer.Observer {

	private static final Logger log = LoggerFactory.getLogger(LiveAnswers.class);

	private final Map<UUID, LiveAnswer> answers = new ConcurrentHashMap<>();

	private final Executor finishing;

	private final StreamProperties properties;

	private final StreamMetrics metrics;

	/** Answers started and not yet finished; guarded by this. */
	private int generating;

	private volatile boolean accepting = true;

	LiveAnswers(@Qualifier("answerFinisher") Executor finishing, StreamProperties properties, MeterRegistry meters) {
		this.finishing = finishing;
		this.properties = properties;
		this.metrics = new StreamMetrics(meters);
	}

	/**
	 * Starts an answer: {@code generation} gets the sink to write into and returns the running generation. A
	 * retry starts again under the same id. {@code finisher} records the ended answer on the finisher
	 * executor, before it counts as finished.
	 */
	public void start(UUID answerId, Function<TokenSink, Generation> generation, Finisher finisher) {
		start(answerId, null, Slot.NONE, generation, finisher);
	}

	/**
	 * The same for a session: {@code owner} is the id of the session whose conversation holds the answer, so
	 * that its stream can be served without reading that session ({@link #ownedBy}); {@code slot}, its place
	 * among the answers its client may have generated at once, is released when the answer ends.
	 */
	public void start(UUID answerId, String owner, Slot slot, Function<TokenSink, Generation> generation,
			Finisher finisher) {
		LiveAnswer answer = register(owner, slot, finisher);
		answers.put(answerId, answer);
		answer.generatedBy(generation.apply(answer));
	}

	/**
	 * The same unless this registry already holds the answer: continuing an answer another instance started.
	 */
	public void takeOver(UUID answerId, Function<TokenSink, Generation> generation, Finisher finisher) {
		takeOver(answerId, null, generation, finisher);
	}

	public void takeOver(UUID answerId, String owner, Function<TokenSink, Generation> generation, Finisher finisher) {
		answers.computeIfAbsent(answerId, id -> {
			LiveAnswer answer = register(owner, Slot.NONE, finisher);
			answer.generatedBy(generation.apply(answer));
			return answer;
		});
	}

	private LiveAnswer register(String owner, Slot slot, Finisher finisher) {
		synchronized (this) {
			generating++;
		}
		return new LiveAnswer(owner, slot, finisher, finishing, this);
	}

	/** Whether this registry holds the answer, started for the session with this id. */
	public boolean ownedBy(UUID answerId, String sessionId) {
		LiveAnswer answer = answers.get(answerId);
		return answer != null && sessionId != null && sessionId.equals(answer.owner());
	}

	public Optional<AnswerProgress> progress(UUID answerId) {
		return Optional.ofNullable(answers.get(answerId)).map(LiveAnswer::progress);
	}

	/** Stops an answer generating here, keeping its text; false when it is not generating here. */
	public boolean stop(UUID answerId) {
		LiveAnswer answer = answers.get(answerId);
		return answer != null && answer.stop();
	}

	/** False once the shutdown drain has begun: no new answer should start. */
	public boolean accepting() {
		return accepting;
	}

	/**
	 * Serves the answer's SSE stream on this request, asynchronously: chunk events from code point
	 * {@code from} on, then one {@code done} event with the closing HTML, then the connection completes. When
	 * the answer is not generating here (finished before this connection, or unknown), sends only {@code done}
	 * carrying {@code finishedHtml} (called on this request thread, where the session may be read). The closing
	 * event is in the request's language (its locale as the app resolves it).
	 * Returns at once; never blocks on the client. {@code slot}, the connection's place among the streams its
	 * client may have open at once, is released when the connection ends.
	 */
	public void stream(UUID answerId, int from, Slot slot, HttpServletRequest request, HttpServletResponse response,
			Function<Locale, String> finishedHtml) throws IOException {
		LiveAnswer answer = answers.get(answerId);
		Locale locale = RequestContextUtils.getLocale(request);
		SseConnection connection;
		try {
			// Rendered before async starts where possible, so that a failure is an ordinary error response.
			String html = (answer == null || answer.finished()) ? finishedHtml.apply(locale) : null;
			metrics.opened();
			try {
				connection = SseConnection.open(request, response, properties.timeout(), properties.buffer().toBytes(),
						(closed, dropped) -> {
							if (answer != null) {
								answer.detach(closed);
							}
							slot.release();
							metrics.closed(dropped);
						});
			}
			catch (IOException | RuntimeException ex) {
				metrics.closed(false);
				throw ex;
			}
			if (html != null) {
				connection.closeAfter(SseEvents.done(html));
				return;
			}
		}
		catch (IOException | RuntimeException ex) {
			slot.release();
			throw ex;
		}
		if (!answer.attach(connection, from, locale)) {
			connection.closeAfter(SseEvents.done(renderLate(finishedHtml, locale)));
		}
	}

	/** The answer finished between the look and the attach: async has started, so a failure is only logged. */
	private static String renderLate(Function<Locale, String> finishedHtml, Locale locale) {
		try {
			return finishedHtml.apply(locale);
		}
		catch (RuntimeException ex) {
			log.error("Could not render a finished answer for its stream", ex);
			return null;
		}
	}

	/** Open SSE connections. */
	public int activeStreams() {
		return metrics.open();
	}

	@Override
	public void firstText(long nanosSinceStart) {
		metrics.firstCharacter(nanosSinceStart);
	}

	@Override
	public void ended(AnswerStatus status, long nanosSinceStart) {
		metrics.ended(status, nanosSinceStart);
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
	 * answers in flight have finished and been recorded.
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

	@Scheduled(fixedDelayString = "PT1M")
	void evictFinished() {
		Instant cutoff = Instant.now().minus(properties.retention());
		answers.values().removeIf(answer -> answer.finishedBefore(cutoff));
	}

}
