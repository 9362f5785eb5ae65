package dev.feedbackchat.admin;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.feedback.FeedbackScale;

/**
 * An answer with its rating, the prompt it answers and its conversation: a row of the dashboard table and
 * of every export. Times are UTC.
 */
record RatedAnswer(UUID conversationId, UUID promptId, String prompt, UUID answerId, String answer, String responder,
		String scale, int rating, String sentiment, String comment, OffsetDateTime answeredAt,
		OffsetDateTime ratedAt) {

	/** How the chat names the rating: "Thumbs up", "4 stars", "Happy". */
	public String ratingLabel() {
		return FeedbackScale.valueOf(scale.toUpperCase(Locale.ROOT)).label(rating);
	}

}
