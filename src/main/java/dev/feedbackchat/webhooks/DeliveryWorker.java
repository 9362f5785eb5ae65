package dev.feedbackchat.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's due events, on every instance: every {@code chat.webhooks.poll-interval} it claims a batch
 * (rows another instance holds are skipped), sends them at once, each bounded by {@code chat.webhooks.timeout},
 * and records each outcome: delivered on a 2xx, else pending again after a backoff, or dead after
 * {@code chat.webhooks.max-attempts}. An instance that dies mid-attempt leaves its lease to expire; the event is
 * then sent again (at least once), with the same webhook-id.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final int BATCH = 20;

	private final WebhookProperties properties;

	private final Outbox outbox;

	private final Backoff backoff;

	private final Counter delivered;

	private final Counter failed;

	private final String instance = UUID.randomUUID().toString();

	private final HttpClient client;

	private final Map<String, WebhookProperties.Endpoint> endpoints;

	private ScheduledExecutorService scheduler;

	DeliveryWorker(WebhookProperties properties, Outbox outbox, MeterRegistry meters) {
		this.properties = properties;
		this.outbox = outbox;
		this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
		this.delivered = Counter.builder("chat.webhooks.delivered").description("Webhook events delivered (2xx)")
			.register(meters);
		this.failed = Counter.builder("chat.webhooks.failed")
			.description("Webhook attempts that failed (error, timeout or not 2xx)")
			.register(meters);
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.endpoints = properties.endpoints().stream()
			.collect(Collectors.toMap(endpoint -> endpoint.url().toString(), Function.identity(), (a, b) -> a));
	}

	@Override
	public synchronized void start() {
		if (!properties.deliver() || endpoints.isEmpty()) {
			return;
		}
		scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "webhooks");
			thread.setDaemon(true);
			return thread;
		});
		long interval = properties.pollInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::deliverDue, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (scheduler != null) {
			// An attempt cut short here is sent again once its lease expires.
			scheduler.shutdownNow();
			scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null;
	}

	/** Sends what is due, batch after batch while batches come full. Never throws: the schedule must go on. */
	void deliverDue() {
		try {
			List<Outbox.Claimed> batch;
			do {
				batch = outbox.claim(instance, Instant.now(), properties.lease(), BATCH);
				CompletableFuture.allOf(batch.stream().map(this::attempt).toArray(CompletableFuture[]::new)).join();
			}
			while (batch.size() == BATCH && !Thread.currentThread().isInterrupted());
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery failed; trying again in {}: {}", properties.pollInterval(), ex.toString());
		}
	}

	private CompletableFuture<Void> attempt(Outbox.Claimed row) {
		WebhookProperties.Endpoint endpoint = endpoints.get(row.endpoint());
		if (endpoint == null) {
			record(row, false, "endpoint no longer configured", true);
			return CompletableFuture.completedFuture(null);
		}
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(row.endpoint()))
			.timeout(properties.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "feedback-chat-webhooks")
			.header("webhook-id", row.eventId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", Signature.sign(endpoint.key(), row.eventId(), timestamp, row.body()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(row.body()))
			.build();
		return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.orTimeout(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.handle((response, error) -> {
				if (error != null) {
					Throwable cause = error.getCause() != null ? error.getCause() : error;
					String why = cause instanceof java.util.concurrent.TimeoutException
							|| cause instanceof java.net.http.HttpTimeoutException
									? "timed out after " + properties.timeout().toMillis() + " ms"
									: cause.getClass().getSimpleName()
											+ (cause.getMessage() == null ? "" : ": " + cause.getMessage());
					record(row, false, why, false);
				}
				else {
					int status = response.statusCode();
					record(row, status >= 200 && status < 300, "HTTP " + status, false);
				}
				return null;
			});
	}

	private void record(Outbox.Claimed row, boolean success, String response, boolean giveUp) {
		Instant now = Instant.now();
		try {
			if (success) {
				outbox.delivered(row, instance, now, response);
				delivered.increment();
				return;
			}
			failed.increment();
			int attempts = row.attempts() + 1;
			Instant next = giveUp || attempts >= properties.maxAttempts() ? null : now.plus(backoff.delay(attempts));
			outbox.failed(row, instance, now, response, next);
			if (next == null) {
				log.warn("Webhook event {} to {} is dead after {} attempts: {}", row.eventId(), row.endpoint(), attempts,
						response);
			}
		}
		catch (RuntimeException ex) {
			// The lease runs out and the event is sent again.
			log.warn("Webhook event {}: its outcome could not be recorded: {}", row.eventId(), ex.toString());
		}
	}

}
