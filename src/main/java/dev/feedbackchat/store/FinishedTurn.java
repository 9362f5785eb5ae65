package dev.feedbackchat.store;

import java.time.Instant;
import java.util.UUID;

/** A prompt and its complete answer, as stored when the answer finishes. */
public record FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
		String answer, String responder, Instant answeredAt) {
}
