package dev.feedbackchat.privacy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One line of the audit log.
 *
 * @param actor   who: a user name (signed in, or tried), {@code user} or {@code retention}; may be null
 * @param address the client's address, where there was a request; may be null
 */
public record AuditEntry(long id, Instant at, String action, String actor, String address, String detail) {

	/** The time in UTC, as the page shows it. */
	public OffsetDateTime atUtc() {
		return at.atOffset(ZoneOffset.UTC);
	}

}
