package dev.feedbackchat.responder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The tutorial's stand-in for a model: answers {@code You said, "<prompt>" ...interesting.}, one code point
 * (never half a surrogate pair) every {@code chat.echo.delay}, the first at once. All answers share one
 * scheduler, so an answer being typed holds no thread between two characters.
 */
@Component
@ConditionalOnProperty(name = "chat.responder", havingValue = "echo", matchIfMissing = true)
public class EchoResponder implements Responder {

	private final ScheduledExecutorService scheduler;

	private final long delayNanos;

	EchoResponder(ScheduledExecutorService streamScheduler, EchoProperties properties) {
		this.scheduler = streamScheduler;
		this.delayNanos = properties.delay().toNanos();
	}

	public static String answerTo(String prompt) {
		return "You said, \"" + prompt + "\" ...interesting.";
	}

	public static final String NAME = "echo";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String model() {
		return NAME;
	}

	@Override
	public boolean needsHistory() {
		return false;
	}

	@Override
	public boolean writesMarkdown() {
		return false;
	}

	/** The echo needs no history: it only repeats the prompt. */
	@Override
	public Generation respond(List<Turn> history, String prompt, TokenSink sink) {
		return type(prompt, 0, sink);
	}

	/** The echo is deterministic: at any moment its text is the first elapsed/delay code points of the answer. */
	@Override
	public Optional<Generation> resume(List<Turn> history, String prompt, Duration elapsed, TokenSink sink) {
		return Optional.of(type(prompt, elapsed.toNanos() / delayNanos, sink));
	}

	/** Sends the first {@code typed} code points at once, then types the rest. */
	private Generation type(String prompt, long typed, TokenSink sink) {
		int[] codePoints = answerTo(prompt).codePoints().toArray();
		Typing typing = new Typing(codePoints, sink);
		typing.next = (int) Math.min(typed, codePoints.length - 1);
		if (typing.next > 0) {
			sink.token(new String(codePoints, 0, typing.next));
		}
		typing.future = scheduler.scheduleAtFixedRate(typing, 0, delayNanos, TimeUnit.NANOSECONDS);
		if (typing.done) {
			typing.future.cancel(false);
		}
		return typing;
	}

	/** Runs are never concurrent for one periodic task, so {@code next} needs no lock. */
	private static final class Typing implements Runnable, Generation {

		private final int[] codePoints;

		private final TokenSink sink;

		private int next;

		private volatile boolean done;

		/** Null until respond() stores it; respond() then cancels it if typing is already done. */
		private volatile Future<?> future;

		Typing(int[] codePoints, TokenSink sink) {
			this.codePoints = codePoints;
			this.sink = sink;
		}

		@Override
		public void run() {
			if (done) {
				return;
			}
			sink.token(Character.toString(codePoints[next++]));
			if (next == codePoints.length) {
				done = true;
				sink.complete();
				cancelTask();
			}
		}

		@Override
		public void cancel() {
			done = true;
			cancelTask();
		}

		private void cancelTask() {
			Future<?> self = future;
			if (self != null) {
				self.cancel(false);
			}
		}

	}

}
