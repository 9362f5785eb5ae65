package dev.feedbackchat.webhooks;

import java.time.OffsetDateTime;

/**
 * One event to one endpoint, as the Deliveries page shows it; times in UTC.
 *
 * @param nextAttemptAt when a pending event is tried next; {@code null} otherwise
 * @param lastResponse  the last attempt's status code or error, cut short; {@code null} before the first
 */
public record Delivery(long id, String eventId, String type, String endpoint, String status, int attempts,
		OffsetDateTime createdAt, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, String lastResponse,
		OffsetDateTime deliveredAt) {

	public static final String PENDING = "pending";

	public static final String DELIVERED = "delivered";

	public static final String DEAD = "dead";

	public boolean isDead() {
		return DEAD.equals(status);
	}

}
