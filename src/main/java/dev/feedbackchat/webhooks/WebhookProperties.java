package dev.feedbackchat.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.webhooks}: where events go and how hard the worker tries. The endpoints are a list of their own
 * ({@code chat.webhooks.endpoints[n].*}) so that the delivery settings can sit beside them.
 *
 * @param endpoints      the receivers; none: no event is written
 * @param maxAttempts    attempts per event and endpoint before it is marked dead
 * @param initialBackoff the longest wait after the first failed attempt; doubled after each further one
 * @param maxBackoff     the longest wait between two attempts
 * @param timeout        how long one attempt may take, connecting and waiting for the response
 * @param pollInterval   how often each instance looks for due events
 * @param deliver        false: events are written but not sent by this instance (they wait in the table)
 */
@ConfigurationProperties("chat.webhooks")
public record WebhookProperties(@DefaultValue List<Endpoint> endpoints, @DefaultValue("12") int maxAttempts,
		@DefaultValue("90s") Duration initialBackoff, @DefaultValue("24h") Duration maxBackoff,
		@DefaultValue("5s") Duration timeout, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("true") boolean deliver) {

	public WebhookProperties {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("chat.webhooks.max-attempts must be at least 1, not " + maxAttempts);
		}
		for (Duration duration : List.of(initialBackoff, maxBackoff, timeout, pollInterval)) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("chat.webhooks durations must be positive, not " + duration);
			}
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("chat.webhooks.max-backoff (%s) is shorter than initial-backoff (%s)"
				.formatted(maxBackoff, initialBackoff));
		}
		endpoints = List.copyOf(endpoints);
	}

	/** How long an instance holds a claimed event: longer than an attempt can take, so no other sends it meanwhile. */
	Duration lease() {
		return timeout.multipliedBy(2).plusSeconds(30);
	}

	/** The endpoints subscribed to this type of event. */
	List<Endpoint> subscribedTo(EventType type) {
		return endpoints.stream().filter(endpoint -> endpoint.events().contains(type)).toList();
	}

	/**
	 * One receiver.
	 *
	 * @param url    where events are POSTed (http or https)
	 * @param secret the signing secret, {@code whsec_<base64>} as Standard Webhooks gives it, or any other text,
	 *               used as its UTF-8 bytes
	 * @param events the types it receives; none given: all
	 */
	public record Endpoint(URI url, String secret, Set<EventType> events) {

		public Endpoint {
			if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
					|| url.getHost() == null) {
				throw new IllegalArgumentException("chat.webhooks.endpoints[n].url must be an http or https URL, not " + url);
			}
			if (url.toString().length() > 2000) {
				throw new IllegalArgumentException("chat.webhooks.endpoints[n].url is longer than 2,000 characters");
			}
			if (secret == null || secret.isBlank()) {
				throw new IllegalArgumentException("chat.webhooks.endpoints[n].secret is required for " + url);
			}
			Signature.key(secret);
			events = events == null || events.isEmpty() ? EnumSet.allOf(EventType.class) : EnumSet.copyOf(events);
		}

		/** The signing key: the secret's bytes. */
		byte[] key() {
			return Signature.key(secret);
		}

		/** Without the secret, which is never logged. */
		@Override
		public String toString() {
			return "Endpoint[url=" + url + ", events=" + events + "]";
		}

	}

}
