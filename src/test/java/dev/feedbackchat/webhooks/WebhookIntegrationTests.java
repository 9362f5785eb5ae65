package dev.feedbackchat.webhooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.feedbackchat.HttpChat;
import io.micrometer.core.instrument.MeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.feedbackchat.model.ConversationDeleted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app with one endpoint, a real receiver on loopback, and short backoffs: events arrive signed and whole,
 * a receiver that was down gets them all once it is back, a dead event is resent from the Deliveries page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.echo.delay=1ms", "chat.webhooks.initial-backoff=50ms", "chat.webhooks.max-backoff=200ms",
				"chat.webhooks.poll-interval=50ms", "chat.webhooks.max-attempts=1000",
				"chat.feedback.correction.max-length=500000", "server.tomcat.max-http-form-post-size=8MB" })
class WebhookIntegrationTests {

	static final String SECRET = SignatureTests.SPEC_SECRET;

	static final Receiver receiver = start();

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	static Receiver start() {
		try {
			return new Receiver();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("chat.webhooks.endpoints[0].url", receiver::url);
		registry.add("chat.webhooks.endpoints[0].secret", () -> SECRET);
	}

	@AfterEach
	void up() {
		receiver.answer(204);
	}

	@AfterAll
	static void stop() {
		receiver.close();
	}

	@Test
	void ratingAndDetailsArriveSignedAsTheSpecificationSays() throws Exception {
		HttpChat chat = new HttpChat(port);
		String answerId = chat.send("What is 2 + 2?");
		chat.readAll(answerId, null);
		assertThat(chat.rate(answerId, 0).statusCode()).isEqualTo(200);
		assertThat(chat.post("/messages/" + answerId + "/comment", Map.of("reason", "Too long", "comment",
				"Too <b>wordy</b>", "correction", "4")).statusCode()).isEqualTo(200);

		List<Receiver.Received> events = await().atMost(Duration.ofSeconds(20))
			.until(() -> about(answerId), list -> list.size() == 3);
		assertThat(events).extracting(event -> body(event).get("type").asString())
			.containsExactlyInAnyOrder("rating", "comment", "correction");
		byte[] key = Signature.key(SECRET);
		for (Receiver.Received event : events) {
			assertThat(Signature.verify(key, event.id(), event.timestamp(), event.body(), event.signature()))
				.as("signature of %s", event.id())
				.isTrue();
			assertThat(Long.parseLong(event.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
					org.assertj.core.data.Offset.offset(60L));
			assertThat(event.contentType()).isEqualTo("application/json");
			assertThat(body(event).get("id").asString()).isEqualTo(event.id());
		}
		assertThat(events).extracting(Receiver.Received::id).doesNotHaveDuplicates();

		JsonNode rating = events.stream().map(WebhookIntegrationTests::body)
			.filter(body -> body.get("type").asString().equals("rating"))
			.findFirst()
			.orElseThrow();
		JsonNode data = rating.get("data");
		assertThat(data.get("prompt").asString()).isEqualTo("What is 2 + 2?");
		assertThat(data.get("answer").asString()).contains("What is 2 + 2?");
		assertThat(data.get("scale").asString()).isEqualTo("thumbs");
		assertThat(data.get("rating").asInt()).isZero();
		assertThat(data.get("label").asString()).isEqualTo("Thumbs down");
		assertThat(data.get("sentiment").asString()).isEqualTo("negative");
		assertThat(data.get("model").isNull()).isFalse();
		assertThat(data.get("conversation_id").asString()).isNotBlank();
		assertThat(Instant.parse(data.get("rated_at").asString())).isBefore(Instant.now().plusSeconds(1));

		JsonNode correction = events.stream().map(WebhookIntegrationTests::body)
			.filter(body -> body.get("type").asString().equals("correction"))
			.findFirst()
			.orElseThrow()
			.get("data");
		assertThat(correction.get("correction").asString()).isEqualTo("4");
		assertThat(correction.get("comment").asString()).isEqualTo("Too <b>wordy</b>");
		assertThat(correction.get("reasons").get(0).asString()).isEqualTo("Too long");

		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(answerId), Set.of("delivered")::equals);
		assertThat(meters.get("chat.webhooks.delivered").counter().count()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aReceiverThatWasDownGetsEveryEventOnceItIsBack() throws Exception {
		receiver.answer(503);
		HttpChat chat = new HttpChat(port);
		List<String> answers = new java.util.ArrayList<>();
		for (int n = 0; n < 3; n++) {
			String answerId = chat.send("down " + n);
			chat.readAll(answerId, null);
			assertThat(chat.rate(answerId, 1).statusCode()).isEqualTo(200);
			answers.add(answerId);
		}
		// Each is refused at least twice while the receiver is down, and stays pending.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> answers.stream().allMatch(id -> about(id).stream().filter(r -> r.answered() == 503).count() >= 2));
		for (String answerId : answers) {
			assertThat(statuses(answerId)).containsExactly("pending");
		}
		assertThat(jdbc.sql("select count(*) from webhook_delivery where status = 'pending' and last_response = 'HTTP 503'")
			.query(Long.class).single()).isGreaterThanOrEqualTo(3);
		assertThat(meters.get("chat.webhooks.failed").counter().count()).isGreaterThanOrEqualTo(6);
		assertThat(meters.get("chat.webhooks.pending").gauge().value()).isGreaterThanOrEqualTo(0);

		receiver.answer(204);
		await().atMost(Duration.ofSeconds(20)).until(() -> answers.stream()
			.allMatch(id -> about(id).stream().anyMatch(r -> r.answered() == 204)));
		for (String answerId : answers) {
			List<Receiver.Received> attempts = about(answerId);
			assertThat(attempts).as("every attempt of one event carries its one webhook-id")
				.extracting(Receiver.Received::id)
				.containsOnly(attempts.get(0).id());
			assertThat(attempts.stream().filter(r -> r.answered() == 204)).hasSize(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> statuses(answerId), Set.of("delivered")::equals);
		}
	}

	@Test
	void aCorrectionOfAMegabyteIsDeliveredWhole() throws Exception {
		// 500,000 characters, the most a correction may have: over 1 MiB as UTF-8.
		String correction = "é".repeat(450_000) + "😀".repeat(50_000);
		assertThat(correction.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1 << 20);
		HttpChat chat = new HttpChat(port);
		String answerId = chat.send("say something long");
		chat.readAll(answerId, null);
		assertThat(chat.rate(answerId, 0).statusCode()).isEqualTo(200);
		assertThat(chat.post("/messages/" + answerId + "/comment", Map.of("correction", correction)).statusCode())
			.isEqualTo(200);

		Receiver.Received event = await().atMost(Duration.ofSeconds(30))
			.until(() -> about(answerId).stream().filter(r -> r.text().contains("\"type\":\"correction\"")).toList(),
					list -> !list.isEmpty())
			.get(0);
		assertThat(event.body().length).isGreaterThan(1 << 20);
		assertThat(body(event).get("data").get("correction").asString()).isEqualTo(correction);
		assertThat(Signature.verify(Signature.key(SECRET), event.id(), event.timestamp(), event.body(), event.signature()))
			.isTrue();
	}

	@Test
	void aConversationDeletedInATransactionIsSentWithIt() {
		UUID conversation = UUID.randomUUID();
		new TransactionTemplate(transactions).executeWithoutResult(
				status -> events.publishEvent(new ConversationDeleted(conversation, "user", Instant.now())));
		Receiver.Received event = await().atMost(Duration.ofSeconds(10))
			.until(() -> about(conversation.toString()), list -> !list.isEmpty())
			.get(0);
		JsonNode body = body(event);
		assertThat(body.get("type").asString()).isEqualTo("conversation-deleted");
		assertThat(body.get("data").get("conversation_id").asString()).isEqualTo(conversation.toString());
		assertThat(body.get("data").get("by").asString()).isEqualTo("user");
	}

	@Test
	void aDeadEventIsResentFromTheDeliveriesPage() throws Exception {
		String eventId = "msg_dead" + UUID.randomUUID().toString().replace("-", "");
		byte[] body = ("{\"type\":\"rating\",\"id\":\"" + eventId + "\"}").getBytes(StandardCharsets.UTF_8);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.sql("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, attempts, "
				+ "next_attempt_at, last_response) values (?, 'rating', ?, ?, ?, 'dead', 12, ?, 'HTTP 500')")
			.params(eventId, receiver.url(), body, now, now)
			.update();
		long id = jdbc.sql("select id from webhook_delivery where event_id = ?").param(eventId).query(Long.class).single();

		HttpChat admin = new HttpChat(port);
		admin.signIn("admin", "test-admin-password");
		Document page = Jsoup.parse(admin.get("/admin/deliveries").body());
		Element row = page.getElementById("delivery-" + id);
		assertThat(row.select(".badge").text()).isEqualTo("dead");
		assertThat(row.select(".response").text()).isEqualTo("HTTP 500");
		assertThat(Jsoup.parse(admin.get("/admin").body()).select("nav a[href=/admin/deliveries]")).hasSize(1);

		var resent = admin.press(page, row.selectFirst("button.resend"), Map.of());
		assertThat(resent.statusCode()).isEqualTo(302);
		assertThat(resent.headers().firstValue("Location")).hasValue("/admin/deliveries?resent=" + id);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().stream().anyMatch(r -> eventId.equals(r.id())));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> jdbc.sql("select status from webhook_delivery where id = ?").param(id).query(String.class).single(),
					"delivered"::equals);

		// Again: it is no longer dead, so there is nothing to resend.
		assertThat(admin.press(page, row.selectFirst("button.resend"), Map.of()).statusCode()).isEqualTo(409);
	}

	/** The requests whose body mentions this id (an answer's, a conversation's). */
	static List<Receiver.Received> about(String id) {
		return receiver.received().stream().filter(r -> r.text().contains(id)).toList();
	}

	Set<String> statuses(String answerId) {
		return jdbc.sql("select status, body from webhook_delivery")
			.query((rs, n) -> Map.entry(rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8)))
			.list()
			.stream()
			.filter(entry -> entry.getValue().contains(answerId))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
	}

	static JsonNode body(Receiver.Received event) {
		return json.readTree(event.body());
	}

}
