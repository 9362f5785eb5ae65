package dev.feedbackchat.admin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.feedbackchat.admin.SignInDetails.Via;

/**
 * Sits before the authentication filter of a filter chain and refuses, with 429 and Retry-After, a sign-in
 * attempt whose client address or user name {@link SignInThrottle} has locked out, before its password is
 * checked.
 */
final class SignInThrottleFilter extends OncePerRequestFilter {

	/** Writes the refusal's body; status and Retry-After are already set. */
	@FunctionalInterface
	interface Refusal {

		void send(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
				throws IOException, ServletException;

	}

	private final SignInThrottle throttle;

	private final Via via;

	private final Function<HttpServletRequest, Optional<String>> attempt;

	private final Refusal refusal;

	/**
	 * @param attempt the user name a request tries to sign in as, empty when it is no sign-in attempt
	 */
	SignInThrottleFilter(SignInThrottle throttle, Via via, Function<HttpServletRequest, Optional<String>> attempt,
			Refusal refusal) {
		this.throttle = throttle;
		this.via = via;
		this.attempt = attempt;
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> userName = attempt.apply(request);
		Duration locked = userName.isEmpty() ? Duration.ZERO : throttle.lockedFor(request.getRemoteAddr(), userName.get());
		if (locked.isZero()) {
			chain.doFilter(request, response);
			return;
		}
		throttle.refused(via);
		long seconds = SignInThrottle.seconds(locked);
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		refusal.send(request, response, seconds);
	}

	/**
	 * What the refusal says, in whole seconds or, from two minutes on, minutes (rounded up): a message code for the
	 * login page in the visitor's language, its default the English text for clients without a page.
	 */
	static DefaultMessageSourceResolvable message(long seconds) {
		long amount = seconds < 120 ? seconds : (seconds + 59) / 60;
		String unit = seconds < 120 ? (seconds == 1 ? "second" : "seconds") : "minutes";
		return new DefaultMessageSourceResolvable(new String[] { "admin.login.throttled." + unit },
				new Object[] { amount }, "Too many failed sign-ins. Try again in " + amount + " " + unit + ".");
	}

}
