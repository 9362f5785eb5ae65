package dev.feedbackchat.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The details of an admin sign-in attempt: besides the client's address (behind a trusted proxy, with
 * {@code server.forward-headers-strategy=native}, the real client's), the way it signed in, which the
 * authentication events that {@link SignInThrottle} counts would not tell otherwise.
 */
final class SignInDetails extends WebAuthenticationDetails {

	private static final long serialVersionUID = 1L;

	enum Via {

		FORM, BASIC, OIDC;

		/** The metric tag. */
		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** An {@code AuthenticationDetailsSource} of this way of signing in. */
		SignInDetails details(HttpServletRequest request) {
			return new SignInDetails(request, this);
		}

	}

	private final Via via;

	private SignInDetails(HttpServletRequest request, Via via) {
		super(request);
		this.via = via;
	}

	Via via() {
		return via;
	}

}
