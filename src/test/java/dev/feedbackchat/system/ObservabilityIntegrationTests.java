package dev.feedbackchat.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.Finisher;
import dev.feedbackchat.trace.Traces;
import dev.feedbackchat.trace.TurnKind;
import dev.feedbackchat.trace.TurnTrace;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Health is public; the Prometheus metrics need the admin account and show what the chat does. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.echo.delay=1ms")
class ObservabilityIntegrationTests {

	@LocalServerPort
	int port;

	final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	ApplicationContext context;

	HttpResponse<String> get(String path, String basicAuth) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (basicAuth != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void healthWithLivenessAndReadinessIsPublic() throws Exception {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
			HttpResponse<String> health = get(path, null);
			assertThat(health.statusCode()).as(path).isEqualTo(200);
			assertThat(health.body()).as(path).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void prometheusMetricsNeedTheAdminAccount() throws Exception {
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "admin:wrong").statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "admin:test-admin-password").statusCode()).isEqualTo(200);
	}

	@Test
	void metricsCountStreamsRatingsAndRejectedInputs() throws Exception {
		HttpChat chat = new HttpChat(port);
		String id = chat.send("measure me");
		chat.readAll(id, null);
		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(200);
		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(409);
		assertThat(chat.post("/messages", Map.of("prompt", " ")).statusCode()).isEqualTo(400);

		String metrics = get("/actuator/prometheus", "admin:test-admin-password").body();
		assertThat(metrics).contains("chat_streams_active ")
			.contains("chat_stream_first_character_seconds_count")
			.contains("chat_stream_duration_seconds_count{outcome=\"complete\"")
			.containsPattern("chat_ratings_total\\{[^}]*scale=\"thumbs\"[^}]*value=\"1\"[^}]*} [1-9]")
			.containsPattern("chat_rejected_total\\{[^}]*reason=\"conflict\"[^}]*} [1-9]")
			.containsPattern("chat_rejected_total\\{[^}]*reason=\"bad-request\"[^}]*} [1-9]");
	}


	@Test
	void tracesAreOffWithoutAnEndpoint() {
		assertThat(context.getBeanProvider(SpanExporter.class).stream()).isEmpty();
		// Nor are metrics pushed anywhere: they are served at /actuator/prometheus.
		assertThat(context.getBeanProvider(io.micrometer.registry.otlp.OtlpMeterRegistry.class).stream()).isEmpty();
		assertThat(context.getBean(Sampler.class)).isSameAs(Sampler.alwaysOff());
		Traces traces = context.getBean(Traces.class);
		assertThat(traces.enabled()).isFalse();
		// Nothing made per turn: the same sink and finisher go through.
		TurnTrace trace = traces.turn(TurnKind.PROMPT, "echo", "echo", UUID.randomUUID(), UUID.randomUUID());
		assertThat(trace).isSameAs(TurnTrace.NONE);
		TokenSink sink = Mockito.mock(TokenSink.class);
		Finisher finisher = Mockito.mock(Finisher.class);
		assertThat(trace.sink(sink)).isSameAs(sink);
		assertThat(trace.finisher(finisher)).isSameAs(finisher);
	}

}
