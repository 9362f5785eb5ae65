package dev.feedbackchat.responder;

/**
 * Receives an answer as it is generated. Calls for one answer come one at a time, in order, and end with
 * exactly one of {@link #complete()} or {@link #fail(String)} unless the generation is cancelled.
 */
public interface TokenSink {

	void token(String text);

	void complete();

	/** The generation broke off; {@code reason} is a short message for the user. */
	void fail(String reason);

}
