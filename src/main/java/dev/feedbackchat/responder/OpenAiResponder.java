package dev.feedbackchat.responder;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow.Publisher;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import dev.feedbackchat.model.FailureMessage;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import org.springframework.stereotype.Component;

/**
 * Answers with any OpenAI-compatible chat-completions server (OpenAI, vLLM, Ollama, llama.cpp, LM Studio),
 * streaming: {@code "stream": true}, then one {@code data: {...}} event per piece and {@code data: [DONE]}.
 * The JDK's HttpClient waits for the answer without holding a thread; Spring's SSE reader parses the events.
 * The body is read straight from the client's own publisher, with nothing in between that buffers it, so
 * cancelling the subscription (the user stops the answer) cancels the request or, once the answer streams,
 * its body: that closes the upstream connection and the server stops generating.
 */
@Component
@ConditionalOnProperty(name = "chat.responder", havingValue = "openai")
class OpenAiResponder implements Responder {

	static final String NAME = "openai";

	private static final ResolvableType EVENT = ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class);

	private static final ServerSentEventHttpMessageReader EVENTS = new ServerSentEventHttpMessageReader();

	private final OpenAiProperties properties;

	private final JsonMapper json;

	private final HttpClient http;

	private final URI endpoint;

	OpenAiResponder(OpenAiProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
		this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
		this.endpoint = URI.create(properties.baseUrl().toString().replaceAll("/+$", "") + "/chat/completions");
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String model() {
		return properties.model();
	}

	/**
	 * Sends the request; cancelling cancels it. Unlike Mono.fromFuture, the cancelled future's own
	 * CancellationException is not reported (Reactor would log it as a dropped error at ERROR level).
	 */
	private Mono<HttpResponse<Publisher<List<ByteBuffer>>>> send(HttpRequest request) {
		return Mono.create(result -> {
			CompletableFuture<HttpResponse<Publisher<List<ByteBuffer>>>> response = http.sendAsync(request,
					BodyHandlers.ofPublisher());
			result.onCancel(() -> response.cancel(true));
			response.whenComplete((value, error) -> {
				if (response.isCancelled()) {
					return;
				}
				if (error != null) {
					result.error(error instanceof CompletionException ? error.getCause() : error);
				}
				else {
					result.success(value);
				}
			});
		});
	}

	@Override
	public Generation respond(List<Turn> history, String prompt, TokenSink sink) {
		HttpRequest.Builder post = HttpRequest.newBuilder(endpoint)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request(history, prompt)),
					StandardCharsets.UTF_8));
		if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
			post.header(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
		}
		AtomicBoolean done = new AtomicBoolean();
		AtomicBoolean named = new AtomicBoolean();
		Disposable subscription = send(post.build()).flatMapMany(OpenAiResponder::events)
			.timeout(properties.requestTimeout())
			.mapNotNull(ServerSentEvent::data)
			.takeUntil("[DONE]"::equals)
			.doOnNext(data -> piece(data, sink, done, named))
			.subscribe(null, error -> sink.fail(describe(error)), () -> {
				if (done.get()) {
					sink.complete();
				}
				else {
					sink.fail("answer.failed.model.closed");
				}
			});
		return subscription::dispose;
	}

	/** The events of a 2xx response; any other status fails once its (short) error body is read. */
	@SuppressWarnings("unchecked")
	private static Flux<ServerSentEvent<String>> events(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
		Flux<DataBuffer> body = JdkFlowAdapter.flowPublisherToFlux(response.body())
			.flatMapIterable(Function.identity())
			.map(DefaultDataBufferFactory.sharedInstance::wrap);
		if (response.statusCode() / 100 != 2) {
			return body.thenMany(Flux.error(new StatusException(response.statusCode())));
		}
		ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
			@Override
			public HttpHeaders getHeaders() {
				return HttpHeaders.EMPTY;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return body;
			}
		};
		return EVENTS.read(EVENT, message, Map.of()).map(event -> (ServerSentEvent<String>) event);
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
		// The last event then carries the tokens counted (for traces); a server that does not know it sends none.
		body.put("stream_options", Map.of("include_usage", true));
		body.put("messages", List.copyOf(messages));
		if (properties.temperature() != null) {
			body.put("temperature", properties.temperature());
		}
		if (properties.maxTokens() != null) {
			body.put("max_tokens", properties.maxTokens());
		}
		return body;
	}

	private void piece(String data, TokenSink sink, AtomicBoolean done, AtomicBoolean named) {
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
		if (!named.get() && chunk.path("model").isString() && !named.getAndSet(true)) {
			sink.model(chunk.path("model").asString());
		}
		String text = chunk.path("choices").path(0).path("delta").path("content").asString("");
		if (!text.isEmpty()) {
			sink.token(text);
		}
		JsonNode usage = chunk.path("usage");
		if (usage.path("prompt_tokens").isIntegralNumber() && usage.path("completion_tokens").isIntegralNumber()) {
			sink.usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong());
		}
	}

	/** A short message for the user (a {@link FailureMessage}); never the API key, never a stack trace. */
	private String describe(Throwable error) {
		if (error instanceof StatusException status) {
			HttpStatus known = HttpStatus.resolve(status.code);
			return FailureMessage.of("answer.failed.model.status",
					status.code + (known != null ? " " + known.getReasonPhrase() : ""));
		}
		if (error instanceof TimeoutException) {
			long seconds = properties.requestTimeout().toSeconds();
			return FailureMessage.of("answer.failed.model.timeout", seconds);
		}
		if (causedBy(error, ConnectException.class)) {
			return FailureMessage.of("answer.failed.model.unreachable", properties.baseUrl());
		}
		if (error instanceof UpstreamErrorException upstream) {
			return FailureMessage.of("answer.failed.model.error", upstream.getMessage());
		}
		if (error instanceof MalformedStreamException) {
			return "answer.failed.model.malformed";
		}
		return "answer.failed.model.connection";
	}

	/**
	 * Looks along the whole chain, not at the root: the JDK client reports a refused connection as a
	 * ConnectException whose own cause is a ClosedChannelException.
	 */
	private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static final class StatusException extends RuntimeException {

		private final int code;

		StatusException(int code) {
			super(null, null, false, false);
			this.code = code;
		}

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
