package dev.feedbackchat.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;

/**
 * An answer with its rating, the prompt it answers and its conversation: a row of the dashboard table and
 * of every export. Times are UTC.
 *
 * @param model            the model behind the answer; {@code null} for answers stored before it was recorded
 * @param firstTokenMillis time from the prompt to the answer's first text, when recorded
 * @param status           complete, or stopped by the user (partial text): only those can be rated
 * @param reasons          the reasons chosen with the rating, in the order offered; empty for none
 * @param correction       what the answer should have been, or {@code null}
 */
record RatedAnswer(UUID conversationId, UUID promptId, String prompt, UUID answerId, String answer, String responder,
		String model, Long firstTokenMillis, AnswerStatus status, FeedbackScale scale, int rating, Sentiment sentiment,
		String comment, List<String> reasons, String correction, OffsetDateTime answeredAt, OffsetDateTime ratedAt) {

	/** How the chat names the rating: "Thumbs up", "4 stars", "Happy" (as the exports have it). */
	public String ratingLabel() {
		return scale.label(rating);
	}

	/** The message code of the rating's label, for the dashboard in the visitor's language. */
	public String ratingLabelCode() {
		return RatingChoice.labelCode(scale, rating);
	}

	/** The stored form of reasons, one label per line ({@code null}: none), as a list. */
	static List<String> reasons(String stored) {
		return stored == null || stored.isBlank() ? List.of() : stored.lines().filter(line -> !line.isBlank()).toList();
	}

}
