package dev.feedbackchat.responder;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * The tutorial's stand-in for a model: answers {@code You said, "<prompt>" ...interesting.}, one code point
 * (never half a surrogate pair) every {@code chat.echo.delay}, the first at once. All answers share one
 * scheduler, so an answer being typed holds no thread between two characters.
 */
@Component
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

	@Override
	public String name() {
		return "echo";
	}

	@Override
	public void respond(String prompt, TokenSink sink) {
		Typing typing = new Typing(answerTo(prompt).codePoints().toArray(), sink);
		typing.future = scheduler.scheduleAtFixedRate(typing, 0, delayNanos, TimeUnit.NANOSECONDS);
		if (typing.done) {
			typing.future.cancel(false);
		}
	}

	/** Runs are never concurrent for one periodic task, so {@code next} needs no lock. */
	private static final class Typing implements Runnable {

		private final int[] codePoints;

		private final TokenSink sink;

		private int next;

		private volatile boolean done;

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
				// Null when this ran before respond() stored the future; respond() cancels it then.
				Future<?> self = future;
				if (self != null) {
					self.cancel(false);
				}
			}
		}

	}

}
