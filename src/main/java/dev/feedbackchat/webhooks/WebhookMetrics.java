package dev.feedbackchat.webhooks;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The gauges read from the outbox: {@code chat.webhooks.pending} and {@code chat.webhooks.oldest-pending-age}
 * (seconds). One query (on the status index) answers both, at most once per {@link #FRESH}, however often they
 * are scraped.
 */
@Component
class WebhookMetrics {

	static final Duration FRESH = Duration.ofSeconds(5);

	private final Outbox outbox;

	private Outbox.Pending pending;

	private long readAt;

	WebhookMetrics(Outbox outbox, MeterRegistry meters) {
		this.outbox = outbox;
		Gauge.builder("chat.webhooks.pending", this, metrics -> metrics.pending().count())
			.description("Webhook events waiting to be delivered")
			.register(meters);
		Gauge.builder("chat.webhooks.oldest-pending-age", this, WebhookMetrics::oldestAge)
			.description("How long the oldest pending webhook event has waited")
			.baseUnit("seconds")
			.register(meters);
	}

	private double oldestAge() {
		Instant oldest = pending().oldest();
		return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
	}

	private synchronized Outbox.Pending pending() {
		long now = System.nanoTime();
		if (pending == null || now - readAt > FRESH.toNanos()) {
			pending = outbox.pending();
			readAt = now;
		}
		return pending;
	}

}
