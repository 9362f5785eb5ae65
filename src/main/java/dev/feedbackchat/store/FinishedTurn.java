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
 * @param parentId         the answer the prompt continues (shown just before it was sent); {@code null} for a
 *                         conversation's first prompt
 * @param regeneratedFrom  the answer to the same prompt that this one generated again; {@code null} for the first
 */
public record FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
		String answer, String responder, String model, Long firstTokenMillis, AnswerStatus status, Instant answeredAt,
		String error, UUID parentId, UUID regeneratedFrom) {

	/** A conversation's first prompt and its first answer. */
	public FinishedTurn(UUID conversationId, UUID promptId, String prompt, Instant promptedAt, UUID answerId,
			String answer, String responder, String model, Long firstTokenMillis, AnswerStatus status,
			Instant answeredAt, String error) {
		this(conversationId, promptId, prompt, promptedAt, answerId, answer, responder, model, firstTokenMillis, status,
				answeredAt, error, null, null);
	}

}
