package dev.feedbackchat.admin;

import dev.feedbackchat.model.Refused;

/**
 * A filter parameter that cannot be read: a message code (under {@code admin.filter.invalid.}) and its arguments,
 * saying what a good value looks like. The dashboard shows it where its results would be; elsewhere (exports, the
 * audit log) the one advice answers it like every refusal.
 */
class InvalidFilterException extends Refused {

	InvalidFilterException(String code, Object... args) {
		super(Reason.INVALID, code, args);
	}

}
