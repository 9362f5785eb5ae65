package dev.feedbackchat.trace;

import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.Finisher;

/**
 * The span of one answer being generated, from the request that starts it to the end its finisher records; or
 * {@link #NONE} when traces are off, which hands back what it gets and costs nothing.
 */
public interface TurnTrace {

	TurnTrace NONE = new TurnTrace() {

		@Override
		public TokenSink sink(TokenSink sink) {
			return sink;
		}

		@Override
		public Finisher finisher(Finisher finisher) {
			return finisher;
		}

	};

	/** The sink the responder writes into: hears the model that answers and the tokens it counted. */
	TokenSink sink(TokenSink sink);

	/** The finisher that ends the span once {@code finisher} has recorded the answer (with its final status). */
	Finisher finisher(Finisher finisher);

}
