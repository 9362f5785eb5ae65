package dev.feedbackchat.store;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;

/**
 * A prompt and its answer, as stored when the answer finishes.
 *
 * @param firstTokenMillis time from the prompt to the answer's first text; {@code null} if it had none
 * @param status           how the answer ended: complete, stopped by the user or failed (then the partial text)
 * @param error            why the answer failed; {@code null} when it did not
 */
public record FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
		String answer, String responder, String model, Long firstTokenMillis, AnswerStatus status, Instant answeredAt,
		String error) {
}
