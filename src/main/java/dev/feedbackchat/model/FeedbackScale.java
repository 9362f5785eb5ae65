package dev.feedbackchat.model;

import java.util.List;

/**
 * The rating scales of {@code st.feedback}, set by {@code chat.feedback.scale}. Values are stored as
 * Streamlit stores them: thumbs 0 (down) and 1 (up); faces and stars 0 to 4.
 */
public enum FeedbackScale {

	THUMBS(List.of("Thumbs down", "Thumbs up"), List.of("", "")),

	FACES(List.of("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"), List.of("😞", "🙁", "😐", "🙂", "😀")),

	STARS(List.of("1 star", "2 stars", "3 stars", "4 stars", "5 stars"), List.of("", "", "", "", ""));

	private final List<String> labels;

	private final List<String> symbols;

	FeedbackScale(List<String> labels, List<String> symbols) {
		this.labels = labels;
		this.symbols = symbols;
	}

	public String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public int max() {
		return labels.size() - 1;
	}

	public boolean accepts(int value) {
		return value >= 0 && value <= max();
	}

	/** The accessible name of a value: "Thumbs up", "3 stars", "Very happy". */
	public String label(int value) {
		return labels.get(value);
	}

	/** The message code of a value's accessible name in the page's language: {@code rating.<id>.<value>}. */
	public String labelCode(int value) {
		return "rating." + id() + "." + value;
	}

	/** The face shown for a value; empty where the page draws an icon instead. */
	public String symbol(int value) {
		return symbols.get(value);
	}

	/** What the value says about the answer: above the middle is positive, below negative. */
	public Sentiment sentiment(int value) {
		int middle = max() / 2;
		if (max() == 1) {
			return value == 1 ? Sentiment.POSITIVE : Sentiment.NEGATIVE;
		}
		return value > middle ? Sentiment.POSITIVE : value < middle ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
	}

	public boolean isNegative(int value) {
		return sentiment(value) == Sentiment.NEGATIVE;
	}

	/** The scale with this {@link #id()}, or empty. */
	public static java.util.Optional<FeedbackScale> of(String id) {
		for (FeedbackScale scale : values()) {
			if (scale.id().equals(id)) {
				return java.util.Optional.of(scale);
			}
		}
		return java.util.Optional.empty();
	}

}
