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
		UNAVAILABLE,

		/** Over a limit of what one client may do at once or per minute (429); see {@link #retryAfterSeconds()}. */
		TOO_MANY_REQUESTS

	}

	private final Reason reason;

	private final long retryAfterSeconds;

	public Refused(Reason reason, String message) {
		this(reason, message, null);
	}

	public Refused(Reason reason, String message, Throwable cause) {
		this(reason, message, cause, 0);
	}

	private Refused(Reason reason, String message, Throwable cause, long retryAfterSeconds) {
		super(message, cause, false, false);
		this.reason = reason;
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public Reason reason() {
		return reason;
	}

	/** When the request may succeed, in seconds from now; 0 when not known. */
	public long retryAfterSeconds() {
		return retryAfterSeconds;
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

	public static Refused tooManyRequests(String message, long retryAfterSeconds) {
		return new Refused(Reason.TOO_MANY_REQUESTS, message, null, retryAfterSeconds);
	}

}
