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

	/**
	 * The model that answers, as the server names it (it may differ from the one asked for); before
	 * {@link #complete()}, when the server tells. Only traces use it.
	 */
	default void model(String name) {
	}

	/**
	 * The tokens the server counted for the request (prompt and history) and for the answer; once, before
	 * {@link #complete()}, when the server reports them. Only traces use it.
	 */
	default void usage(long inputTokens, long outputTokens) {
	}

}
