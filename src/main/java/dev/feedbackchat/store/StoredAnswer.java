package dev.feedbackchat.store;

import dev.feedbackchat.model.AnswerStatus;

/**
 * An answer as the record holds it once it has finished, whichever instance generated it.
 *
 * @param error why a failed answer failed; {@code null} otherwise
 */
public record StoredAnswer(String text, AnswerStatus status, Long firstTokenMillis, String error) {
}
