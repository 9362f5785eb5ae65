package dev.feedbackchat.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A filter parameter that cannot be read: 400 and a message saying what a good value looks like. */
class InvalidFilterException extends ResponseStatusException {

	InvalidFilterException(String format, Object... args) {
		super(HttpStatus.BAD_REQUEST, format.formatted(args));
	}

}
