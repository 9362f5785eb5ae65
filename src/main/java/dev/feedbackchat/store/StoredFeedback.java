package dev.feedbackchat.store;

import java.util.UUID;

/**
 * The feedback on an answer as the record holds it.
 *
 * @param comment {@code null} when there is none
 */
public record StoredFeedback(UUID answerId, String scale, int rating, String comment) {
}
