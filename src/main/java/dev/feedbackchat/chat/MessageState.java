package dev.feedbackchat.chat;

public enum MessageState {

	/** The answer is still being generated; it cannot be rated yet. */
	STREAMING,

	/** The message text is final (and, for an answer, stored). */
	COMPLETE,

	/** The user stopped the answer; its partial text is stored and can be rated. */
	STOPPED,

	/** The answer broke off or could not be stored: it shows why, offers Retry, and cannot be rated. */
	FAILED

}
