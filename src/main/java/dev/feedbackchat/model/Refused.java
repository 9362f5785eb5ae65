package dev.feedbackchat.model;

import java.util.Arrays;

import org.springframework.context.MessageSourceResolvable;

/**
 * A request the chat will not carry out, with a short message for the person who made it: a message code of the
 * bundles ({@code messages*.properties}, keys under {@code refused.}) and its arguments, resolved in the request's
 * language by the web layer. The domain throws it; the web layer's one advice turns {@link #reason()} into an HTTP
 * status. {@link #getMessage()} is the code and arguments, for logs.
 */
public class Refused extends RuntimeException implements MessageSourceResolvable {

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

	private final String code;

	private final Object[] arguments;

	private final long retryAfterSeconds;

	public Refused(Reason reason, String code, Object... arguments) {
		this(reason, code, arguments, null, 0);
	}

	private Refused(Reason reason, String code, Object[] arguments, Throwable cause, long retryAfterSeconds) {
		super(arguments.length == 0 ? code : code + " " + Arrays.toString(arguments), cause, false, false);
		this.reason = reason;
		this.code = code;
		this.arguments = arguments.clone();
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public Reason reason() {
		return reason;
	}

	/** The message code, a key of the bundles. */
	public String code() {
		return code;
	}

	/** The message's arguments ({0}, {1}, ... in the bundles). */
	public Object[] arguments() {
		return arguments.clone();
	}

	/** When the request may succeed, in seconds from now; 0 when not known. */
	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}

	@Override
	public String[] getCodes() {
		return new String[] { code };
	}

	@Override
	public Object[] getArguments() {
		return arguments();
	}

	/** The code itself where the bundles lack it (MessagesTests checks they do not): never a failure of its own. */
	@Override
	public String getDefaultMessage() {
		return code;
	}

	public static Refused invalid(String code, Object... arguments) {
		return new Refused(Reason.INVALID, code, arguments);
	}

	public static Refused tooLarge(String code, Object... arguments) {
		return new Refused(Reason.TOO_LARGE, code, arguments);
	}

	public static Refused notFound(String code, Object... arguments) {
		return new Refused(Reason.NOT_FOUND, code, arguments);
	}

	public static Refused conflict(String code, Object... arguments) {
		return new Refused(Reason.CONFLICT, code, arguments);
	}

	public static Refused unavailable(String code) {
		return new Refused(Reason.UNAVAILABLE, code);
	}

	public static Refused unavailable(String code, Throwable cause) {
		return new Refused(Reason.UNAVAILABLE, code, new Object[0], cause, 0);
	}

	/** {@code arguments}: the message's; the wait is {@code retryAfterSeconds}. */
	public static Refused tooManyRequests(String code, long retryAfterSeconds, Object... arguments) {
		return new Refused(Reason.TOO_MANY_REQUESTS, code, arguments, null, retryAfterSeconds);
	}

}
