package dev.feedbackchat.model;

import java.util.Locale;

/** What a rating says about an answer, whatever its scale. Stored, filtered and exported by its {@link #id()}. */
public enum Sentiment {

	POSITIVE, NEUTRAL, NEGATIVE;

	/** The stored and exported form: {@code positive}, {@code neutral}, {@code negative}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The sentiment with this {@link #id()}; {@code IllegalArgumentException} for anything else. */
	public static Sentiment of(String id) {
		for (Sentiment sentiment : values()) {
			if (sentiment.id().equals(id)) {
				return sentiment;
			}
		}
		throw new IllegalArgumentException("Not a sentiment: " + id);
	}

}
