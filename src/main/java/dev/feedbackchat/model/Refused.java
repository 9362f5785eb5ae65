package dev.feedbackchat.model;

/**
 * A request the chat will not carry out, with a short message for the person who made it. The domain throws
 * it; the web layer's one advice turns {@link #reason()} into an HTTP status.
 */
public class Refused extends RuntimeException {

	public enum Reason {

		/** Malformed or empty input (400). */
		INVALID,

		/** Input over a configured limit (413). */
		TOO_LARGE,

		/** Not (or no longer) in this session's conversation (404). */
		NOT_FOUND,

		/** Not possible in the current state, such as a second rating (409). */
		CONFLICT,

		/** Not possible right now, such as during the shutdown drain or while the database is away (503). */
		UNAVAILABLE

	}

	private final Reason reason;

	public Refused(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public Refused(Reason reason, String message, Throwable cause) {
		super(message, cause, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	public static Refused invalid(String message) {
		return new Refused(Reason.INVALID, message);
	}

	public static Refused tooLarge(String message) {
		return new Refused(Reason.TOO_LARGE, message);
	}

	public static Refused notFound(String message) {
		return new Refused(Reason.NOT_FOUND, message);
	}

	public static Refused conflict(String message) {
		return new Refused(Reason.CONFLICT, message);
	}

	public static Refused unavailable(String message) {
		return new Refused(Reason.UNAVAILABLE, message);
	}

	public static Refused unavailable(String message, Throwable cause) {
		return new Refused(Reason.UNAVAILABLE, message, cause);
	}

}
