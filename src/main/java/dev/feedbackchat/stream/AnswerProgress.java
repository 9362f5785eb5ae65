package dev.feedbackchat.stream;

import dev.feedbackchat.model.AnswerStatus;

/**
 * How far an answer has come.
 *
 * @param text             the text so far (kept when generation stops or fails)
 * @param status           still generating, or how it ended
 * @param error            for a failed answer, a short message for the user
 * @param firstTokenMillis time from the start to the first piece of text, or {@code null} before it
 */
public record AnswerProgress(String text, AnswerStatus status, String error, Long firstTokenMillis) {

	public boolean finished() {
		return status.finished();
	}

}
