package dev.feedbackchat.responder;

/** Produces the answer to a prompt, asynchronously, into a {@link TokenSink}; never blocks the caller. */
public interface Responder {

	/** Recorded with every answer it produces. */
	String name();

	void respond(String prompt, TokenSink sink);

}
