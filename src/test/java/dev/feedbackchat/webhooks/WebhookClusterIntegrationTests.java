package dev.feedbackchat.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.store.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one PostgreSQL, both delivering, to a slow receiver that fails every event's first attempt:
 * every event arrives, and no event is ever being sent by both at the same time.
 */
class WebhookClusterIntegrationTests {

	static final int EVENTS = 40;

	static ConfigurableApplicationContext instance(EmbeddedPostgres postgres, Receiver receiver) {
		return new SpringApplicationBuilder(FeedbackChatApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + EmbeddedPostgresServer.url(postgres), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--chat.webhooks.endpoints[0].url=" + receiver.url(),
				"--chat.webhooks.endpoints[0].secret=" + SignatureTests.SPEC_SECRET, "--chat.webhooks.poll-interval=20ms",
				"--chat.webhooks.initial-backoff=20ms", "--chat.webhooks.max-backoff=50ms",
				"--chat.webhooks.max-attempts=100");
	}

	@Test
	void twoInstancesNeverSendOneEventAtTheSameTime() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start(); Receiver receiver = new FirstAttemptFails()) {
			receiver.delay(Duration.ofMillis(100));
			try (ConfigurableApplicationContext first = instance(postgres, receiver);
					ConfigurableApplicationContext second = instance(postgres, receiver)) {
				JdbcClient jdbc = first.getBean(JdbcClient.class);
				OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
				for (int n = 0; n < EVENTS; n++) {
					String id = "msg_cluster" + n;
					jdbc.sql("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, "
							+ "attempts, next_attempt_at) values (?, 'rating', ?, ?, ?, 'pending', 0, ?)")
						.params(id, receiver.url(), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8), now, now)
						.update();
				}

				await().atMost(Duration.ofSeconds(60)).until(() -> receiver.accepted().size() >= EVENTS);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> jdbc.sql("select count(*) from webhook_delivery where status = 'delivered'")
						.query(Long.class)
						.single() == EVENTS);
				Map<String, Long> accepted = receiver.accepted()
					.stream()
					.collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
				assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(
						IntStream.range(0, EVENTS).mapToObj(n -> "msg_cluster" + n).toList());
				assertThat(accepted.values()).as("each delivered once: its lease held while it was sent").containsOnly(1L);
				assertThat(receiver.mostAtOnceForOneId()).isEqualTo(1);
				assertThat(receiver.received()).hasSize(2 * EVENTS);
				List<String> senders = jdbc.sql("select distinct claimed_by from webhook_delivery").query(String.class).list();
				assertThat(senders).containsOnlyNulls();
			}
		}
	}

	/** Refuses each event's first attempt, so that every event is claimed at least twice. */
	static final class FirstAttemptFails extends Receiver {

		FirstAttemptFails() throws java.io.IOException {
		}

		@Override
		int statusFor(String id, int attempt) {
			return attempt == 1 ? 500 : 204;
		}

	}

}
