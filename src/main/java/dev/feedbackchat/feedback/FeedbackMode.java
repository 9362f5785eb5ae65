package dev.feedbackchat.feedback;

/** The three behaviours of the tutorial's feedback widget, set by {@code chat.feedback.mode}. */
public enum FeedbackMode {

	/** Every answer can be rated once; the rating then locks (the tutorial's app). */
	LOCKED,

	/** Every answer can be rated, and the rating changed later (the tutorial's second variant). */
	CHANGEABLE,

	/** Only the most recent answer shows rating buttons, and its rating locks (the first variant). */
	LATEST_ONLY

}
