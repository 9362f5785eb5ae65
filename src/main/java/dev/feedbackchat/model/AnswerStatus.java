package dev.feedbackchat.model;

import java.util.Locale;

/** Where an answer stands, from its first token to its end; shared by the stream, the session and the record. */
public enum AnswerStatus {

	/** Still being generated; it cannot be rated yet. Never stored. */
	GENERATING,

	/** Generated to the end and stored. */
	COMPLETE,

	/** Stopped by the user; the partial text is stored and can be rated. */
	STOPPED,

	/** Broke off (upstream error, lost instance) or could not be stored: shows why, offers Retry, cannot be rated. */
	FAILED;

	/** The stored form ({@code complete}, {@code stopped}, {@code failed}). */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static AnswerStatus of(String id) {
		for (AnswerStatus status : values()) {
			if (status.id().equals(id)) {
				return status;
			}
		}
		throw new IllegalArgumentException("Not an answer status: " + id);
	}

	public boolean finished() {
		return this != GENERATING;
	}

	/** Finished answers that can be rated: complete, or stopped by the user. */
	public boolean rateable() {
		return this == COMPLETE || this == STOPPED;
	}

}
