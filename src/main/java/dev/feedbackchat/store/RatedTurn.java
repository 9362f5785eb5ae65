package dev.feedbackchat.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.model.FeedbackScale;

/**
 * A rated answer as recorded, with its prompt and everything sent with the rating: what a webhook tells.
 *
 * @param model      {@code null} when the responder reports none
 * @param comment    {@code null} for none
 * @param correction {@code null} for none
 * @param changedAt  when the rating was last changed; {@code null} if never
 */
public record RatedTurn(UUID conversationId, UUID promptId, UUID answerId, String prompt, String answer,
		String responder, String model, FeedbackScale scale, int rating, List<String> reasons, String comment,
		String correction, Instant promptedAt, Instant answeredAt, Instant ratedAt, Instant changedAt) {
}
