package dev.feedbackchat.admin;

import dev.feedbackchat.admin.SignInDetails.Via;
import dev.feedbackchat.privacy.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Admin sign-ins in the audit log, from Spring Security's authentication events, so every way of signing in (the
 * login form, HTTP Basic, OpenID Connect) is covered: each failure, and each success but those of HTTP Basic, which
 * signs in on every request (a metrics scraper would fill the log). Only the user name, the way and the address
 * are read: the password, the token's credentials, is never touched.
 */
@Component
class SignInAudit {

	private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

	private final AuditLog audit;

	SignInAudit(AuditLog audit) {
		this.audit = audit;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (via(event.getAuthentication()).equals(Via.BASIC.tag())) {
			return;
		}
		write(AuditLog.SIGN_IN, event.getAuthentication(), "via " + via(event.getAuthentication()));
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		write(AuditLog.SIGN_IN_FAILED, event.getAuthentication(), "via %s: %s".formatted(via(event.getAuthentication()),
				event.getException().getClass().getSimpleName()));
	}

	/** Never fails the sign-in itself: a sign-in the audit log missed is logged instead. */
	private void write(String action, Authentication authentication, String detail) {
		String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress()
				: null;
		try {
			audit.record(action, authentication.getName(), address, detail);
		}
		catch (RuntimeException ex) {
			log.error("Could not write a {} to the audit log", action, ex);
		}
	}

	/** form, basic, or (OpenID Connect and others) the kind of token. */
	private static String via(Authentication authentication) {
		return authentication.getDetails() instanceof SignInDetails details ? details.via().tag()
				: authentication.getClass().getSimpleName();
	}

}
