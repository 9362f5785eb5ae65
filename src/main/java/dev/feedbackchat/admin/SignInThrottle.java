package dev.feedbackchat.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;

import dev.feedbackchat.admin.SignInDetails.Via;

/**
 * Slows down password guessing at the admin sign-in. Failed sign-ins are counted per client address and per
 * user name; from max-failures on, each failure locks that address and that user name out for a while that
 * doubles with every further failure, up to max-lockout. A locked-out attempt is refused before its password
 * is checked ({@link SignInThrottleFilter}), even a right one; a success forgets the failures of its address
 * and user name. The address key stops one client trying many user names, the user name key many clients
 * (a botnet) trying one.
 * <p>
 * Failures and successes come from Spring Security's authentication events, so the form login and HTTP Basic
 * count alike; only attempts carrying {@link SignInDetails} count. Both maps are bounded caches, so a flood of
 * made-up addresses or user names costs bounded memory (Caffeine keeps the often-seen keys longest).
 */
class SignInThrottle {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	/** Longest user name kept as a key or written to the log; longer ones are cut. */
	private static final int MAX_NAME = 100;

	private final SignInProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Cache<String, Strikes> addresses;

	private final Cache<String, Strikes> userNames;

	SignInThrottle(SignInProperties properties, Clock clock, MeterRegistry meters) {
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.addresses = strikes(properties, clock);
		this.userNames = strikes(properties, clock);
	}

	private static Cache<String, Strikes> strikes(SignInProperties properties, Clock clock) {
		return Caffeine.newBuilder()
			.maximumSize(properties.tracked())
			.expireAfterWrite(properties.forgetAfter())
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	/** How long sign-ins from this address or for this user name are still refused; zero: not at all. */
	Duration lockedFor(String address, String userName) {
		Instant now = clock.instant();
		Duration byAddress = remaining(addresses.getIfPresent(cut(address)), now);
		Duration byUserName = remaining(userNames.getIfPresent(key(userName)), now);
		return byAddress.compareTo(byUserName) >= 0 ? byAddress : byUserName;
	}

	private static Duration remaining(Strikes strikes, Instant now) {
		return strikes == null || !strikes.lockedUntil().isAfter(now) ? Duration.ZERO
				: Duration.between(now, strikes.lockedUntil());
	}

	/** Counts an attempt refused without checking its password. */
	void refused(Via via) {
		meters.counter("chat.sign-in.throttled", "via", via.tag()).increment();
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		if (!(event.getAuthentication().getDetails() instanceof SignInDetails details)) {
			return;
		}
		String userName = event.getAuthentication().getName();
		String address = details.getRemoteAddress();
		Instant now = clock.instant();
		Strikes byAddress = addresses.asMap().compute(cut(address), (key, old) -> Strikes.next(old, now, properties));
		Strikes byUserName = userNames.asMap().compute(key(userName), (key, old) -> Strikes.next(old, now, properties));
		meters.counter("chat.sign-in.failures", "via", details.via().tag()).increment();
		// The user name is whatever the client sent: escaped and cut so that it cannot forge or flood log lines.
		log.warn("Failed admin sign-in via {} for user '{}' from {} ({} failures from this address, {} for this user name)",
				details.via().tag(), printable(userName), printable(address), byAddress.failures(), byUserName.failures());
		lockedOut(byAddress, now, () -> "address " + printable(address));
		lockedOut(byUserName, now, () -> "user '" + printable(userName) + "'");
	}

	private void lockedOut(Strikes strikes, Instant now, Supplier<String> what) {
		if (strikes.failures() >= properties.maxFailures()) {
			log.warn("Admin sign-in locked for {} s for {} after {} failures",
					seconds(Duration.between(now, strikes.lockedUntil())), what.get(), strikes.failures());
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getDetails() instanceof SignInDetails details) {
			addresses.invalidate(cut(details.getRemoteAddress()));
			userNames.invalidate(key(event.getAuthentication().getName()));
		}
	}

	/** Whole seconds, rounded up: what Retry-After says. */
	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	/** User names are case-insensitive (InMemoryUserDetailsManager). */
	private static String key(String userName) {
		return cut(userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT));
	}

	/** A key costs bounded memory however long what the client sent. */
	private static String cut(String key) {
		return key.length() > MAX_NAME ? key.substring(0, MAX_NAME) : key;
	}

	/**
	 * The text with backslash, quote, line breaks and other control or format characters escaped, cut after
	 * {@value #MAX_NAME} characters: one log line whatever it holds.
	 */
	static String printable(String text) {
		if (text == null) {
			return "";
		}
		String shown = text.length() > MAX_NAME ? text.substring(0, MAX_NAME) : text;
		StringBuilder out = new StringBuilder();
		shown.codePoints().forEach(c -> {
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\'' -> out.append("\\'");
				case '\r' -> out.append("\\r");
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				default -> {
					int type = Character.getType(c);
					if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
							|| type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
						out.append(String.format("\\u%04x", c));
					}
					else {
						out.appendCodePoint(c);
					}
				}
			}
		});
		if (text.length() > shown.length()) {
			out.append("...(").append(text.length()).append(" chars)");
		}
		return out.toString();
	}

	/**
	 * Failures of one address or user name, and until when it is locked out.
	 */
	record Strikes(int failures, Instant lockedUntil) {

		/** After one more failure; a lockout that it starts begins now. */
		static Strikes next(Strikes old, Instant now, SignInProperties properties) {
			if (old == null) {
				old = new Strikes(0, Instant.MIN);
			}
			int failures = old.failures == Integer.MAX_VALUE ? old.failures : old.failures + 1;
			Instant until = now.plus(properties.lockoutAfter(failures));
			return new Strikes(failures, until.isAfter(old.lockedUntil) ? until : old.lockedUntil);
		}

	}

}
