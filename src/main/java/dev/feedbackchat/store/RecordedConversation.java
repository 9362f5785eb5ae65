package dev.feedbackchat.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** A conversation of the record and how much it holds: what deleting it would remove. */
public record RecordedConversation(UUID id, Instant createdAt, int messages, int ratings) {

	/** When it started, in UTC. */
	public OffsetDateTime createdAtUtc() {
		return createdAt.atOffset(ZoneOffset.UTC);
	}

}
