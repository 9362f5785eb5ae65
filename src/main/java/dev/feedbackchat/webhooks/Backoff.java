package dev.feedbackchat.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt the wait is uniformly random between zero
 * and min(max, initial × 2^(n-1)), so receivers coming back are not hit by every sender at once.
 */
final class Backoff {

	private final Duration initial;

	private final Duration max;

	/** Draws a number in [0, bound]. */
	private final LongUnaryOperator random;

	Backoff(Duration initial, Duration max) {
		this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
	}

	Backoff(Duration initial, Duration max, LongUnaryOperator random) {
		this.initial = initial;
		this.max = max;
		this.random = random;
	}

	/** The ceiling of the wait after {@code failed} failed attempts (1 or more). */
	Duration ceiling(int failed) {
		long limit = max.toMillis();
		long millis = initial.toMillis();
		for (int n = 1; n < failed && millis < limit; n++) {
			millis *= 2;
		}
		return Duration.ofMillis(Math.min(millis, limit));
	}

	/** The wait after {@code failed} failed attempts. */
	Duration delay(int failed) {
		return Duration.ofMillis(random.applyAsLong(ceiling(failed).toMillis()));
	}

}
