package dev.feedbackchat.store;

import java.util.UUID;

/**
 * Published inside the transaction that stored or changed an answer's rating, so that a listener can write what
 * follows from it (a webhook's outbox row) in the same transaction.
 */
public record RatingStored(UUID answerId) {
}
