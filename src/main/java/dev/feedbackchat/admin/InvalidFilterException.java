package dev.feedbackchat.admin;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A filter parameter that cannot be read: a message code (under {@code admin.filter.invalid.}) and its arguments,
 * saying what a good value looks like, resolved in the request's locale where it is answered (the dashboard puts it
 * where the results would be, {@link InvalidFilterAdvice} shows the error page). Not a {@code Refused}: the admin
 * answers its own, in the admin's words.
 */
class InvalidFilterException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final transient Object[] args;

	InvalidFilterException(String code, Object... args) {
		super(code, null, false, false);
		this.code = code;
		this.args = args.clone();
	}

	String code() {
		return code;
	}

	String text(MessageSource messages, Locale locale) {
		return messages.getMessage(code, args, locale);
	}

}
