package dev.feedbackchat.webhooks;

import java.util.Locale;

/** What a webhook tells; {@link #id()} is its {@code type} in the body and its name in {@code .events}. */
public enum EventType {

	/** A rating stored or changed. */
	RATING,

	/** Details sent with a rating that hold a comment, or only reasons. */
	COMMENT,

	/** Details sent with a rating that hold a correction. */
	CORRECTION,

	/** An arena vote stored. */
	VOTE,

	/** A conversation and its record deleted. */
	CONVERSATION_DELETED;

	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
