package dev.feedbackchat.stream;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import dev.feedbackchat.responder.Responder.Generation;
import dev.feedbackchat.responder.TokenSink;

/**
 * The other app instances sharing the record, as the stream side needs them: who generates an answer, and
 * how to deliver one that another instance is generating. Alone, there are none.
 */
public interface OtherInstances {

	/** What an answer lost with its instance says. */
	String INTERRUPTED = "answer.failed.interrupted";

	/** This instance, recorded with every answer it generates. */
	String self();

	/**
	 * The session id the request names (its cookie), without reading the session: it may be in a shared store,
	 * whose read is what a stream of an answer generated here can do without.
	 */
	String requestedSessionId(HttpServletRequest request);

	/** False when this instance runs alone: every answer of a session is generated here. */
	boolean enabled();

	/**
	 * Delivers into {@code sink} the answer that {@code instance} is generating, once it is recorded, or fails it
	 * as interrupted once that instance is gone.
	 */
	Generation follow(UUID answerId, String instance, TokenSink sink);

	/**
	 * The same for an answer recorded elsewhere (an arena battle's): {@code ended} looks in the record and finds
	 * the answer once it has ended. The text found is delivered in one piece.
	 */
	Generation follow(String instance, TokenSink sink, Supplier<Optional<AnswerProgress>> ended);

}
