package dev.feedbackchat.arena;

import java.util.UUID;

/**
 * Published inside the transaction that stored a battle's vote, so that a listener can write what follows from it
 * (a webhook's outbox row) in the same transaction.
 */
public record VoteStored(UUID battleId) {
}
