package dev.feedbackchat.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed admin sign-ins (form and HTTP Basic) are throttled, per client address and per user name.
 *
 * @param maxFailures {@code chat.admin.sign-in.max-failures}: failed sign-ins after which the address or user
 *                    name is locked out
 * @param lockout     {@code chat.admin.sign-in.lockout}: the first lockout; it doubles with each further failure
 * @param maxLockout  {@code chat.admin.sign-in.max-lockout}: the longest lockout
 * @param forgetAfter {@code chat.admin.sign-in.forget-after}: failures are forgotten after this long without
 *                    another; at least max-lockout, so that no lockout is forgotten before it ends
 * @param tracked     {@code chat.admin.sign-in.tracked}: addresses, and user names, remembered at most (each),
 *                    so a flood of made-up ones costs bounded memory
 */
@ConfigurationProperties("chat.admin.sign-in")
public record SignInProperties(@DefaultValue("5") int maxFailures, @DefaultValue("1s") Duration lockout,
		@DefaultValue("15m") Duration maxLockout, @DefaultValue("15m") Duration forgetAfter,
		@DefaultValue("10000") int tracked) {

	public SignInProperties {
		require(maxFailures >= 1, "max-failures must be at least 1");
		require(!lockout.isNegative() && !lockout.isZero(), "lockout must be positive");
		require(maxLockout.compareTo(lockout) >= 0, "max-lockout must be at least lockout");
		require(forgetAfter.compareTo(maxLockout) >= 0, "forget-after must be at least max-lockout");
		require(tracked >= 1, "tracked must be at least 1");
	}

	private static void require(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException("chat.admin.sign-in." + message);
		}
	}

	/** The lockout that the given number of failures starts: none below max-failures, then doubling. */
	Duration lockoutAfter(int failures) {
		if (failures < maxFailures) {
			return Duration.ZERO;
		}
		int doublings = failures - maxFailures;
		if (doublings >= 62 || lockout.toNanos() > maxLockout.toNanos() >> doublings) {
			return maxLockout;
		}
		return lockout.multipliedBy(1L << doublings);
	}

}
