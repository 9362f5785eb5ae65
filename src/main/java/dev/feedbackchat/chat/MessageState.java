package dev.feedbackchat.chat;

public enum MessageState {

	/** The answer is still being generated; it cannot be rated yet. */
	STREAMING,

	/** The message text is final (and, for an answer, stored). */
	COMPLETE,

	/** The answer finished but could not be stored, so it cannot be rated. */
	FAILED

}
