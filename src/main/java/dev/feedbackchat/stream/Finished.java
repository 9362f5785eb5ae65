package dev.feedbackchat.stream;

import java.util.Locale;
import java.util.function.Function;

/**
 * How an answer finally stands (e.g. a complete answer that could not be stored comes back failed) and the
 * HTML its {@code done} event carries to the connections open at that moment; that HTML is not kept.
 *
 * @param progress    its status and error are the answer's final ones; its text is ignored (the streamed text stands)
 * @param closingHtml what the page swaps in for the streaming message, in a connection's language (called once per
 *                    language of the connections open, on the finisher); {@code null}, or a {@code null} result,
 *                    sends an empty event
 */
public record Finished(AnswerProgress progress, Function<Locale, String> closingHtml) {

	/** The same closing HTML in every language. */
	public static Finished of(AnswerProgress progress, String closingHtml) {
		return new Finished(progress, closingHtml == null ? null : locale -> closingHtml);
	}

}
