package dev.feedbackchat.trace;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import dev.feedbackchat.HttpChat;
import dev.feedbackchat.responder.FakeOpenAiServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.feedbackchat.responder.FakeOpenAiServer.chunk;
import static dev.feedbackchat.responder.FakeOpenAiServer.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces on: the real app with the OpenAI responder against a {@link FakeOpenAiServer} and the arena's echo
 * contenders, exporting over OTLP/HTTP to an in-process receiver (decoded with opentelemetry-proto) and to an
 * in-memory exporter that shows each span as the SDK made it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.responder=openai", "chat.openai.model=test-model", "chat.openai.request-timeout=5s",
				"chat.arena.enabled=true", "chat.echo.delay=1ms",
				"management.opentelemetry.tracing.export.schedule-delay=50ms" })
class TracesIntegrationTests {

	static final FakeOpenAiServer model = FakeOpenAiServer.start();

	static final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();

	static final List<String> contentTypes = new CopyOnWriteArrayList<>();

	static final HttpServer collector = collector();

	static final String USAGE = """
			{"id":"chatcmpl-fake","object":"chat.completion.chunk","model":"fake-model-2025","choices":[],\
			"usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("chat.openai.base-url", model::baseUrl);
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://localhost:" + collector.getAddress().getPort() + "/v1/traces");
	}

	/** A minimal OTLP/HTTP collector: protobuf on /v1/traces, answered 200. */
	private static HttpServer collector() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/v1/traces", exchange -> {
				try (InputStream body = exchange.getRequestBody()) {
					contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
					received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration
	static class Exporter {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

	}

	@AfterAll
	static void stop() {
		model.close();
		collector.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	InMemorySpanExporter spans;

	@Autowired
	Traces traces;

	HttpChat chat;

	@BeforeEach
	void setUp() {
		chat = new HttpChat(port);
		model.reset();
	}

	@Test
	void aTurnIsOneSpanWithTheGenAiAttributesAndItsRatingALinkedFeedbackSpan() throws Exception {
		assertThat(traces.enabled()).isTrue();
		model.script(events(Duration.ofMillis(5), chunk("Hel"), chunk("lo"), USAGE, "[DONE]"));
		String id = chat.send("Hi");
		chat.readAll(id, null);

		SpanData turn = await().atMost(Duration.ofSeconds(10)).until(() -> span("chat test-model", id), Optional::isPresent).get();
		assertThat(turn.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(turn.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("gen_ai.operation.name"), "chat")
			.containsEntry(AttributeKey.stringKey("gen_ai.system"), "openai")
			.containsEntry(AttributeKey.stringKey("gen_ai.request.model"), "test-model")
			.containsEntry(AttributeKey.stringKey("gen_ai.response.model"), "fake-model")
			.containsEntry(AttributeKey.longKey("gen_ai.usage.input_tokens"), 12L)
			.containsEntry(AttributeKey.longKey("gen_ai.usage.output_tokens"), 3L)
			.containsEntry(AttributeKey.stringKey("chat.answer.status"), "complete")
			.containsEntry(AttributeKey.stringKey("chat.turn.kind"), "prompt")
			.containsKey(AttributeKey.stringKey("gen_ai.conversation.id"))
			.containsKey(AttributeKey.longKey("gen_ai.response.time_to_first_token_ms"));
		assertThat(turn.getEvents()).extracting(EventData::getName).containsExactly("gen_ai.first_token");
		assertThat(turn.getEvents().get(0).getEpochNanos()).isBetween(turn.getStartEpochNanos(), turn.getEndEpochNanos());
		// A child of the request that started it
		assertThat(turn.getParentSpanContext().isValid()).isTrue();
		assertThat(spans.getFinishedSpanItems().stream().filter(span -> span.getSpanId().equals(turn.getParentSpanId())))
			.singleElement()
			.satisfies(request -> assertThat(request.getName()).startsWith("http post"));

		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(200);
		SpanData feedback = await().atMost(Duration.ofSeconds(10)).until(() -> span("feedback", id), Optional::isPresent).get();
		assertThat(feedback.getTraceId()).isEqualTo(turn.getTraceId());
		assertThat(feedback.getParentSpanId()).isEqualTo(turn.getSpanId());
		assertThat(feedback.getLinks()).singleElement()
			.satisfies(link -> assertThat(link.getSpanContext()).isEqualTo(turn.getSpanContext()));
		assertThat(feedback.getAttributes().asMap()).containsEntry(AttributeKey.longKey("chat.feedback.value"), 1L)
			.containsEntry(AttributeKey.stringKey("chat.feedback.label"), "Thumbs up")
			.containsEntry(AttributeKey.stringKey("chat.feedback.sentiment"), "positive")
			.containsEntry(AttributeKey.stringKey("chat.feedback.scale"), "thumbs")
			.containsEntry(AttributeKey.stringKey("gen_ai.conversation.id"),
					turn.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id")));
		assertThat(feedback.getEvents()).singleElement().satisfies(event -> {
			assertThat(event.getName()).isEqualTo("gen_ai.feedback");
			assertThat(event.getAttributes().get(AttributeKey.stringKey("chat.feedback.sentiment"))).isEqualTo("positive");
		});

		// The same spans reach an OTLP collector over HTTP.
		await().atMost(Duration.ofSeconds(10)).until(() -> exported("chat test-model", id).isPresent() && exported("feedback", id).isPresent());
		Span exported = exported("chat test-model", id).get();
		assertThat(attribute(exported, "gen_ai.usage.input_tokens").getValue().getIntValue()).isEqualTo(12);
		assertThat(attribute(exported, "gen_ai.system").getValue().getStringValue()).isEqualTo("openai");
		assertThat(exported("feedback", id).get().getLinksList()).singleElement()
			.satisfies(link -> assertThat(link.getSpanId()).isEqualTo(exported.getSpanId()));
		assertThat(contentTypes).allMatch("application/x-protobuf"::equals);
	}

	@Test
	void regenerateAndAFailedAnswerAreTurnsToo() throws Exception {
		model.script(events(Duration.ZERO, chunk("One"), "[DONE]"), events(Duration.ZERO, chunk("Two"), "[DONE]"));
		String id = chat.send("Twice");
		chat.readAll(id, null);
		var regenerated = chat.post("/messages/" + id + "/regenerate", Map.of());
		assertThat(regenerated.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> spans.getFinishedSpanItems().stream()
				.anyMatch(span -> "regenerate".equals(span.getAttributes().get(AttributeKey.stringKey("chat.turn.kind")))));

		model.script(FakeOpenAiServer.error(500, "boom"));
		String failed = chat.send("Fail");
		chat.readAll(failed, null);
		SpanData span = await().atMost(Duration.ofSeconds(10)).until(() -> span("chat test-model", failed), Optional::isPresent).get();
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().asMap()).containsEntry(AttributeKey.stringKey("chat.answer.status"), "failed")
			.containsEntry(AttributeKey.stringKey("error.type"), "answer_failed")
			.doesNotContainKey(AttributeKey.longKey("gen_ai.usage.input_tokens"));
	}

	@Test
	void theArenasAnswersAreSpansOfTheirContenders() throws Exception {
		chat.get("/arena");
		assertThat(chat.post("/arena/battles", Map.of("prompt", "Who wins?")).statusCode()).isEqualTo(200);
		List<SpanData> arena = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
			.filter(span -> "arena".equals(span.getAttributes().get(AttributeKey.stringKey("chat.turn.kind"))))
			.toList(), found -> found.size() == 2);
		assertThat(arena).allSatisfy(span -> assertThat(span.getAttributes().asMap())
			.containsEntry(AttributeKey.stringKey("gen_ai.system"), "echo")
			.containsEntry(AttributeKey.stringKey("chat.answer.status"), "complete"));
		assertThat(arena).extracting(SpanData::getName).containsExactlyInAnyOrder("chat echo", "chat echo-reversed");
	}

	private Optional<SpanData> span(String name, String answerId) {
		return spans.getFinishedSpanItems()
			.stream()
			.filter(span -> span.getName().equals(name)
					&& answerId.equals(span.getAttributes().get(AttributeKey.stringKey("chat.answer.id"))))
			.findFirst();
	}

	private static Optional<Span> exported(String name, String answerId) {
		return received.stream()
			.flatMap(request -> request.getResourceSpansList().stream())
			.flatMap(resource -> resource.getScopeSpansList().stream())
			.flatMap(scope -> scope.getSpansList().stream())
			.filter(span -> span.getName().equals(name) && span.getAttributesList()
				.stream()
				.anyMatch(kv -> kv.getKey().equals("chat.answer.id") && kv.getValue().getStringValue().equals(answerId)))
			.findFirst();
	}

	private static KeyValue attribute(Span span, String key) {
		return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElseThrow();
	}

}
