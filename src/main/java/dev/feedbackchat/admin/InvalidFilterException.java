package dev.feedbackchat.admin;

import dev.feedbackchat.model.Refused;

/** A filter parameter that cannot be read, with a message saying what a good value looks like. */
class InvalidFilterException extends Refused {

	InvalidFilterException(String format, Object... args) {
		super(Reason.INVALID, format.formatted(args));
	}

}
