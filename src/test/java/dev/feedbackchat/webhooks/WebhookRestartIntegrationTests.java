package dev.feedbackchat.webhooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An app stopped between a rating and its delivery: the next start on the same database delivers it. */
class WebhookRestartIntegrationTests {

	static ConfigurableApplicationContext start(String databaseUrl, Receiver receiver, boolean deliver) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + databaseUrl,
				"--chat.echo.delay=1ms", "--chat.webhooks.endpoints[0].url=" + receiver.url(),
				"--chat.webhooks.endpoints[0].secret=" + SignatureTests.SPEC_SECRET,
				"--chat.webhooks.endpoints[0].events=rating", "--chat.webhooks.poll-interval=50ms",
				"--chat.webhooks.deliver=" + deliver));
		return new SpringApplicationBuilder(FeedbackChatApplication.class).run(args.toArray(String[]::new));
	}

	@Test
	void aRatingStoredBeforeAStopIsDeliveredAfterTheRestart(@TempDir Path data) throws Exception {
		String url = "jdbc:h2:file:" + data.resolve("feedback-chat");
		try (Receiver receiver = new Receiver()) {
			String answerId;
			try (ConfigurableApplicationContext first = start(url, receiver, false)) {
				HttpChat chat = new HttpChat(((WebServerApplicationContext) first).getWebServer().getPort());
				answerId = chat.send("deliver me later");
				chat.readAll(answerId, null);
				assertThat(chat.rate(answerId, 1).statusCode()).isEqualTo(200);
				// Only the rating's event is subscribed: the comment makes none.
				assertThat(chat.post("/messages/" + answerId + "/comment", Map.of("comment", "fine")).statusCode())
					.isEqualTo(200);
				assertThat(first.getBean(JdbcClient.class)
					.sql("select status, attempts from webhook_delivery")
					.query((rs, n) -> rs.getString(1) + "/" + rs.getInt(2))
					.list()).containsExactly("pending/0");
			}
			assertThat(receiver.received()).isEmpty();

			try (ConfigurableApplicationContext second = start(url, receiver, true)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
				Receiver.Received event = receiver.accepted().get(0);
				assertThat(event.text()).contains(answerId).contains("\"type\":\"rating\"");
				assertThat(Signature.verify(Signature.key(SignatureTests.SPEC_SECRET), event.id(), event.timestamp(),
						event.body(), event.signature())).isTrue();
				await().atMost(Duration.ofSeconds(5))
					.until(() -> second.getBean(JdbcClient.class)
						.sql("select status from webhook_delivery")
						.query(String.class)
						.list(), List.of("delivered")::equals);
			}
			assertThat(receiver.received()).hasSize(1);
		}
	}

}
