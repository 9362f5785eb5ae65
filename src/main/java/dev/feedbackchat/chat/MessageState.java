package dev.feedbackchat.chat;

public enum MessageState {

	/** The answer is still being generated; it cannot be rated yet. */
	STREAMING,

	/** The message text is final. */
	COMPLETE

}
