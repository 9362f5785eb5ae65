package dev.feedbackchat.responder;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.Disposable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Answers with any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, llama.cpp, LM Studio),
 * streaming: {@code "stream": true}, then one {@code data: {...}} event per piece and {@code data: [DONE]}.
 * WebClient on the JDK's HttpClient parses the events without holding a thread while it waits; cancelling
 * the subscription closes the upstream connection.
 */
@Component
@ConditionalOnProperty(name = "chat.responder", havingValue = "openai")
class OpenAiResponder implements Responder {

	static final String NAME = "openai";

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final OpenAiProperties properties;

	private final JsonMapper json;

	private final WebClient client;

	OpenAiResponder(OpenAiProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
		this.client = WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(http))
			.baseUrl(properties.baseUrl().toString())
			.defaultHeaders(headers -> {
				if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
					headers.setBearerAuth(properties.apiKey());
				}
			})
			.build();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String model() {
		return properties.model();
	}

	@Override
	public Generation respond(List<Turn> history, String prompt, TokenSink sink) {
		AtomicBoolean done = new AtomicBoolean();
		Disposable subscription = client.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(json.writeValueAsString(request(history, prompt)))
			.retrieve()
			.bodyToFlux(EVENTS)
			.timeout(properties.requestTimeout())
			.mapNotNull(ServerSentEvent::data)
			.takeUntil("[DONE]"::equals)
			.doOnNext(data -> piece(data, sink, done))
			.subscribe(null, error -> sink.fail(describe(error)), () -> {
				if (done.get()) {
					sink.complete();
				}
				else {
					sink.fail("The model server closed the stream before the answer was complete.");
				}
			});
		return subscription::dispose;
	}

	/** The request body: system prompt, as much history as the budget allows (newest kept), the prompt. */
	Map<String, Object> request(List<Turn> history, String prompt) {
		Deque<Map<String, String>> messages = new ArrayDeque<>();
		int budget = properties.historyBudget();
		for (int i = history.size() - 1; i >= 0 && history.get(i).content().length() <= budget; i--) {
			budget -= history.get(i).content().length();
			messages.addFirst(Map.of("role", history.get(i).role(), "content", history.get(i).content()));
		}
		if (properties.systemPrompt() != null && !properties.systemPrompt().isBlank()) {
			messages.addFirst(Map.of("role", "system", "content", properties.systemPrompt()));
		}
		messages.addLast(Map.of("role", "user", "content", prompt));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("model", properties.model());
		body.put("stream", true);
		body.put("messages", List.copyOf(messages));
		if (properties.temperature() != null) {
			body.put("temperature", properties.temperature());
		}
		if (properties.maxTokens() != null) {
			body.put("max_tokens", properties.maxTokens());
		}
		return body;
	}

	private void piece(String data, TokenSink sink, AtomicBoolean done) {
		if ("[DONE]".equals(data)) {
			done.set(true);
			return;
		}
		JsonNode chunk;
		try {
			chunk = json.readTree(data);
		}
		catch (JacksonException ex) {
			throw new MalformedStreamException();
		}
		if (chunk.has("error")) {
			throw new UpstreamErrorException(chunk.path("error").path("message").asString("unknown error"));
		}
		if (!chunk.path("choices").isArray()) {
			throw new MalformedStreamException();
		}
		String text = chunk.path("choices").path(0).path("delta").path("content").asString("");
		if (!text.isEmpty()) {
			sink.token(text);
		}
	}

	/** A short message for the user; never the API key, never a stack trace. */
	private String describe(Throwable error) {
		if (error instanceof WebClientResponseException response) {
			return "The model server answered %d %s.".formatted(response.getStatusCode().value(),
					response.getStatusText());
		}
		if (error instanceof TimeoutException) {
			long seconds = properties.requestTimeout().toSeconds();
			return "The model server did not answer within %d second%s.".formatted(seconds, seconds == 1 ? "" : "s");
		}
		if (error instanceof WebClientRequestException request) {
			return request.getRootCause() instanceof ConnectException
					? "Could not connect to the model server at %s.".formatted(properties.baseUrl())
					: "The connection to the model server failed.";
		}
		if (error instanceof UpstreamErrorException upstream) {
			return "The model server reported an error: %s".formatted(upstream.getMessage());
		}
		if (error instanceof MalformedStreamException) {
			return "The model server sent a malformed stream.";
		}
		return "The connection to the model server failed.";
	}

	private static final class MalformedStreamException extends RuntimeException {

		MalformedStreamException() {
			super(null, null, false, false);
		}

	}

	private static final class UpstreamErrorException extends RuntimeException {

		UpstreamErrorException(String message) {
			super(message.length() > 200 ? message.substring(0, 200) + "…" : message, null, false, false);
		}

	}

}
