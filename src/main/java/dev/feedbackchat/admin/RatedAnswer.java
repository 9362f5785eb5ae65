package dev.feedbackchat.admin;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.model.FeedbackScale;

/**
 * An answer with its rating, the prompt it answers and its conversation: a row of the dashboard table and
 * of every export. Times are UTC.
 *
 * @param model            the model behind the answer; {@code null} for answers stored before it was recorded
 * @param firstTokenMillis time from the prompt to the answer's first text, when recorded
 * @param status           {@code complete}, or {@code stopped} when the user stopped it (partial text)
 */
record RatedAnswer(UUID conversationId, UUID promptId, String prompt, UUID answerId, String answer, String responder,
		String model, Long firstTokenMillis, String status, String scale, int rating, String sentiment, String comment,
		OffsetDateTime answeredAt, OffsetDateTime ratedAt) {

	/** How the chat names the rating: "Thumbs up", "4 stars", "Happy". */
	public String ratingLabel() {
		return FeedbackScale.valueOf(scale.toUpperCase(Locale.ROOT)).label(rating);
	}

}
