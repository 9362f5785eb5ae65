package dev.feedbackchat.conversation;

import java.util.Locale;

/** Renders the HTML that the closing event of an answer's stream carries: the finished message as the page shows it. */
@FunctionalInterface
public interface ClosingView {

	/** Called off any request (on the thread that finishes the answer): nothing in it may depend on a request.
	 * {@code latest}: whether it is the conversation's latest answer; {@code locale}: the language of its texts. */
	String html(Turn finished, boolean latest, Locale locale);

}
