package dev.feedbackchat.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;

import dev.feedbackchat.privacy.RetentionStep;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivered webhook events older than {@code chat.retention.days} go with the conversations (their bodies hold
 * prompts and answers). Pending and dead ones stay: they are still owed to a receiver, and the admin can resend a
 * dead one.
 */
@Component
class DeliveredEventsRetention implements RetentionStep {

	private final JdbcClient jdbc;

	DeliveredEventsRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String name() {
		return "webhook-events";
	}

	@Override
	public int deleteBatch(Instant cutoff, int limit) {
		return jdbc.sql("delete from webhook_delivery where id in (select id from webhook_delivery "
				+ "where status = 'delivered' and created_at < :cutoff order by created_at fetch first " + limit
				+ " rows only)")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.update();
	}
}
