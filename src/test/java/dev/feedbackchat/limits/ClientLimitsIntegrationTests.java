package dev.feedbackchat.limits;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.stream.LiveAnswers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits on the real server: a stream's place is freed when its client goes away, the health check and static
 * files are never limited and make no session, and behind a proxy (forward-headers-strategy native, which trusts
 * 127.0.0.1 as the proxy) the client's own address is what counts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.forward-headers-strategy=native",
		"chat.rate-limit.streams.per-session=1", "chat.rate-limit.sessions.per-address=2" })
class ClientLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LiveAnswers answers;

	private final HttpClient cookieless = HttpClient.newHttpClient();

	@Test
	void aStreamsPlaceIsFreedWhenItsClientGoesAway() throws Exception {
		HttpChat chat = new HttpChat(port);
		// About 20 s of answer: it is still being written throughout.
		String id = chat.send("x".repeat(1000));
		EventStream first = chat.stream(id, null);
		assertThat(first.next().name()).isEqualTo("chunk");

		HttpResponse<InputStream> second = chat.open("/messages/" + id + "/stream");
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After")).hasValue("3");
		second.body().close();

		first.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> answers.activeStreams() == 0);
		try (EventStream again = chat.stream(id, null)) {
			assertThat(again.next().name()).isEqualTo("chunk");
		}
		chat.post("/messages/" + id + "/stop", java.util.Map.of());
	}

	@Test
	void healthAndStaticFilesAreNeitherLimitedNorMakeSessions() throws Exception {
		for (int i = 0; i < 5; i++) {
			for (String path : new String[] { "/actuator/health", "/css/chat.css", "/favicon.svg" }) {
				HttpResponse<String> response = get(path, "203.0.113.9");
				assertThat(response.statusCode()).as(path).isEqualTo(200);
				assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
			}
		}
		// That address has made no session yet: a person's first page still works.
		assertThat(get("/", "203.0.113.9").statusCode()).isEqualTo(200);
	}

	@Test
	void behindAProxyTheClientsAddressCounts() throws Exception {
		assertThat(get("/", "203.0.113.10").statusCode()).isEqualTo(200);
		assertThat(get("/", "203.0.113.10").statusCode()).isEqualTo(200);
		HttpResponse<String> refused = get("/", "203.0.113.10");
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(refused.body()).contains("Too many new visitors from your network right now.");
		// Another client behind the same proxy.
		assertThat(get("/", "203.0.113.11").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-Forwarded-For", forwardedFor)
			.GET()
			.build();
		return cookieless.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
