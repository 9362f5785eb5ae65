package dev.feedbackchat.store;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;

/**
 * An answer to a prompt as the record holds it, with the feedback on it: what every instance's page shows.
 *
 * @param text     {@code null} where the caller said it knows the answer already
 * @param feedback {@code null} when it is not rated
 */
public record RecordedAnswer(UUID promptId, UUID id, String text, AnswerStatus status, String error, String responder,
		String model, Long firstTokenMillis, UUID regeneratedFrom, Instant answeredAt, StoredFeedback feedback) {
}
