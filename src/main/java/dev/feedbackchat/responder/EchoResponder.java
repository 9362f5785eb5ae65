package dev.feedbackchat.responder;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The tutorial's stand-in for a model: answers {@code You said, "<prompt>" ...interesting.}, one code point
 * (never half a surrogate pair) every {@code chat.echo.delay}, the first at once. All answers share the
 * typewriter's clocks, so an answer being typed holds no thread between two characters.
 */
@Component
@ConditionalOnProperty(name = "chat.responder", havingValue = "echo", matchIfMissing = true)
public class EchoResponder implements Responder {

	private final Typewriter typewriter;

	private final long delayNanos;

	private final UnaryOperator<String> answer;

	private final String model;

	@Autowired
	EchoResponder(ScheduledExecutorService streamScheduler, EchoProperties properties) {
		this(streamScheduler, properties.delay(), EchoResponder::answerTo, NAME);
	}

	/** An echo typing {@code answer} of each prompt, recorded as {@code model}. */
	EchoResponder(ScheduledExecutorService streamScheduler, Duration delay, UnaryOperator<String> answer, String model) {
		this.typewriter = new Typewriter(streamScheduler, Runtime.getRuntime().availableProcessors());
		this.delayNanos = delay.toNanos();
		this.answer = answer;
		this.model = model;
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
		return model;
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
		int[] codePoints = answer.apply(prompt).codePoints().toArray();
		Typing typing = new Typing(codePoints, sink, delayNanos);
		typing.next = (int) Math.min(typed, codePoints.length - 1);
		if (typing.next > 0) {
			sink.token(new String(codePoints, 0, typing.next));
		}
		typewriter.add(typing);
		return typing;
	}

	/** One answer on the typewriter: its runs come from one clock, one at a time, so {@code next} needs no lock. */
	private static final class Typing implements Typewriter.Typing, Generation {

		private final int[] codePoints;

		private final TokenSink sink;

		private final long delayNanos;

		private int next;

		/** When the next code point is due; the first is due at once. */
		private long due = System.nanoTime();

		private volatile boolean done;

		Typing(int[] codePoints, TokenSink sink, long delayNanos) {
			this.codePoints = codePoints;
			this.sink = sink;
			this.delayNanos = delayNanos;
		}

		@Override
		public boolean type(long now) {
			if (done) {
				return true;
			}
			if (now - due < 0) {
				return false;
			}
			// One code point an event, as the tutorial streams them; a clock that fell behind catches up a tick at a time.
			sink.token(new String(codePoints, next++, 1));
			due = Math.max(due + delayNanos, now - delayNanos);
			if (next == codePoints.length) {
				done = true;
				sink.complete();
			}
			return done;
		}

		@Override
		public void cancel() {
			done = true;
		}

	}

}
