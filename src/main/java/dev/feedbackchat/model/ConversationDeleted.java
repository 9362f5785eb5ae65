package dev.feedbackchat.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (as a Spring application event, inside the deleting transaction) when a conversation and everything
 * recorded of it has been deleted, so that other parts (webhooks, the audit log) can react in the same transaction.
 *
 * @param conversationId the record's conversation id
 * @param by             who deleted it: {@code user}, {@code admin} or {@code retention}
 * @param at             when
 */
public record ConversationDeleted(UUID conversationId, String by, Instant at) {
}
