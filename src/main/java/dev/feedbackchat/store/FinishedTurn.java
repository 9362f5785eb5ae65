package dev.feedbackchat.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A prompt and its answer, as stored when the answer finishes.
 *
 * @param firstTokenMillis time from the prompt to the answer's first text; {@code null} if it had none
 * @param stopped          the user stopped the answer: it is the partial text
 * @param error            why the answer failed (it is then the partial text); {@code null} when it did not
 */
public record FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
		String answer, String responder, String model, Long firstTokenMillis, boolean stopped, Instant answeredAt,
		String error) {

	String status() {
		return error != null ? StoredAnswer.FAILED : stopped ? StoredAnswer.STOPPED : StoredAnswer.COMPLETE;
	}

}
