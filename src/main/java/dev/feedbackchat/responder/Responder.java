package dev.feedbackchat.responder;

import java.util.List;

/**
 * Produces the answer to a prompt, asynchronously, into a {@link TokenSink}; never blocks the caller and
 * holds no thread while it waits.
 */
public interface Responder {

	/** Recorded with every answer it produces: "echo" or "openai". */
	String name();

	/** The model behind the answers, recorded with each. */
	String model();

	/**
	 * Starts answering {@code prompt}, which follows {@code history} (oldest first, without the prompt).
	 *
	 * @return a handle that stops the generation; the sink then hears nothing more
	 */
	Generation respond(List<Turn> history, String prompt, TokenSink sink);

	/** One earlier message of the conversation. */
	record Turn(String role, String content) {
	}

	/** A running generation. */
	interface Generation {

		/** Stops generating (and cancels an upstream request) at once; idempotent. */
		void cancel();

	}

}
