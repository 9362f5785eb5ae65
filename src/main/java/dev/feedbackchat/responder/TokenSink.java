package dev.feedbackchat.responder;

/** Receives an answer as it is generated. Calls for one answer come one at a time, in order. */
public interface TokenSink {

	void token(String text);

	void complete();

}
