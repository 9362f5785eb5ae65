package dev.feedbackchat.store;

import java.util.UUID;

/**
 * Published inside the transaction that stored the details of a rating (reasons, comment, correction), so that a
 * listener can write what follows from them in the same transaction.
 *
 * @param comment    whether a comment was sent
 * @param correction whether a correction was sent
 */
public record DetailsStored(UUID answerId, boolean comment, boolean correction) {
}
