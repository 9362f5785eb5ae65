package dev.feedbackchat.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A prompt and its answer, as stored when the answer finishes.
 *
 * @param firstTokenMillis time from the prompt to the answer's first text; {@code null} if it had none
 * @param stopped          the user stopped the answer: it is the partial text
 */
public record FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
		String answer, String responder, String model, Long firstTokenMillis, boolean stopped, Instant answeredAt) {
}
