package dev.feedbackchat.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Streams end cleanly: dropped connections are released, and a shutdown lets answers in flight finish. */
class StreamLifecycleIntegrationTests {

	static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(FeedbackChatApplication.class).run(args);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void afterFiveHundredClientsDisconnectMidStreamNoStreamIsLeftOpen() throws Exception {
		// 500 streams of one session: far over what one client may open (chat.rate-limit.streams).
		try (ConfigurableApplicationContext app = start("--server.port=0", "--chat.rate-limit.streams.per-session=0",
				"--chat.rate-limit.streams.per-address=0")) {
			LiveAnswers answers = app.getBean(LiveAnswers.class);
			HttpChat chat = new HttpChat(port(app));
			// A long answer (about 20 s), so that every client leaves in the middle of it.
			String id = chat.send("x".repeat(1000));
			List<EventStream> streams = new ArrayList<>();
			try {
				for (int i = 0; i < 500; i++) {
					EventStream stream = chat.stream(id, null);
					streams.add(stream);
					assertThat(stream.next().name()).isEqualTo("chunk");
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> answers.activeStreams() == 500);
			}
			finally {
				for (EventStream stream : streams) {
					stream.close();
				}
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> answers.activeStreams() == 0);
			answers.stop(java.util.UUID.fromString(id));
		}
	}

	@Test
	void shutdownRefusesNewPromptsAndLetsAnswersInFlightFinishAndBeStored(@TempDir Path data) throws Exception {
		String url = "jdbc:h2:file:" + data.resolve("feedback-chat");
		ConfigurableApplicationContext app = start("--server.port=0", "--spring.datasource.url=" + url,
				"--chat.stream.shutdown-timeout=30s");
		HttpChat chat = new HttpChat(port(app));
		String prompt = "finish me before you go";
		String id = chat.send(prompt);
		EventStream stream = chat.stream(id, null);
		LiveAnswers answers = app.getBean(LiveAnswers.class);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
		await().atMost(Duration.ofSeconds(10)).until(() -> !answers.accepting());
		HttpResponse<String> refused = chat.post("/messages", Map.of("prompt", "too late"));
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("The chat is restarting.");

		StringBuilder text = new StringBuilder();
		String last = null;
		for (SseEvent event = stream.next(); event != null; event = stream.next()) {
			last = event.name();
			if (event.name().equals("chunk")) {
				text.append(HtmlUtils.htmlUnescape(event.data()));
			}
		}
		assertThat(text).hasToString("You said, \"" + prompt + "\" ...interesting.");
		assertThat(last).isEqualTo("done");
		closing.get();

		try (var connection = DriverManager.getConnection(url, "sa", "");
				var query = connection.prepareStatement("select content from message where id = ?")) {
			query.setObject(1, java.util.UUID.fromString(id));
			var rows = query.executeQuery();
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo(text.toString());
		}
	}

}
