package dev.feedbackchat.admin;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * An OpenID Connect sign-in that failed: the provider refused it, or the user it signed in is not allowed. Spring
 * Security publishes it like its other failure events (an audit log hears them all); the sign-in throttle does not
 * count it, as nobody guessed a password.
 */
public class OidcSignInRefused extends AbstractAuthenticationFailureEvent {

	private static final long serialVersionUID = 1L;

	public OidcSignInRefused(Authentication authentication, AuthenticationException exception) {
		super(authentication, exception);
	}

}
