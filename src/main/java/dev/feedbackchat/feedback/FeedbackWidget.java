package dev.feedbackchat.feedback;

import java.util.UUID;

/**
 * What the rating widget under an answer shows.
 *
 * @param buttons whether the thumbs buttons are shown at all (else only a saved rating, read-only)
 * @param enabled whether the buttons can be clicked
 * @param value   the saved rating: 0 down, 1 up, or {@code null}
 */
public record FeedbackWidget(UUID messageId, boolean buttons, boolean enabled, Integer value) {

	public boolean up() {
		return value != null && value == 1;
	}

	public boolean down() {
		return value != null && value == 0;
	}

}
