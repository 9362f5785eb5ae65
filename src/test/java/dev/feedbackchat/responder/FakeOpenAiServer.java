package dev.feedbackchat.responder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat-completions server for tests, on a free loopback port: the JDK's HttpServer, no
 * network. It records every request (path, headers, JSON body) and answers each with the next {@link Reply} of
 * its script: a stream of chunks then {@code data: [DONE]}, an HTTP error, silence, a malformed chunk, or a
 * stream that runs until the client goes away (which it records). A request with nothing scripted gets 500.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The longest any reply holds a connection open (silence, an endless stream); the tests wait far less. */
	private static final Duration LONGEST_REPLY = Duration.ofSeconds(60);

	/** One request as the server received it. */
	public record Request(String method, String path, Map<String, List<String>> headers, String rawBody, JsonNode body) {

		/** The first value of a header, whatever its case; null when absent. */
		public String header(String name) {
			List<String> values = headers.get(name);
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		/** The chat messages of the body, each as role and content, in order. */
		public List<Map<String, String>> messages() {
			List<Map<String, String>> messages = new ArrayList<>();
			for (JsonNode message : body.path("messages")) {
				Map<String, String> entry = new LinkedHashMap<>();
				entry.put("role", message.path("role").asString());
				entry.put("content", message.path("content").asString());
				messages.add(entry);
			}
			return messages;
		}

	}

	/** How the server answers one request. */
	@FunctionalInterface
	public interface Reply {

		void answer(HttpExchange exchange, FakeOpenAiServer server) throws IOException, InterruptedException;

	}

	private final ExecutorService handlers = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "fake-openai");
		thread.setDaemon(true);
		return thread;
	});

	private final Queue<Reply> script = new ConcurrentLinkedQueue<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger clientsGone = new AtomicInteger();

	/** Counted down on reset and close: ends every silent or endless reply still running. */
	private volatile CountDownLatch release = new CountDownLatch(1);

	private volatile HttpServer server;

	private final int port;

	private FakeOpenAiServer(HttpServer server) {
		this.server = server;
		this.port = server.getAddress().getPort();
	}

	/** Starts a server on a free loopback port. */
	public static FakeOpenAiServer start() {
		FakeOpenAiServer fake = new FakeOpenAiServer(bind(0));
		fake.serve();
		return fake;
	}

	/** {@code http://localhost:<port>/v1}, for {@code chat.openai.base-url}. */
	public String baseUrl() {
		return "http://localhost:" + port + "/v1";
	}

	public int port() {
		return port;
	}

	/** The replies to the next requests, one each, in order. */
	public void script(Reply... replies) {
		script.addAll(List.of(replies));
	}

	/** Forgets the script, the requests and the disconnects, and ends replies still running. */
	public void reset() {
		script.clear();
		requests.clear();
		clientsGone.set(0);
		CountDownLatch previous = release;
		release = new CountDownLatch(1);
		previous.countDown();
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	/** Replies of {@link #untilClientGoesAway} whose write failed because the client had closed the connection. */
	public int clientsGone() {
		return clientsGone.get();
	}

	/** Stops listening: connecting to the port is now refused. */
	public void stop() {
		server.stop(0);
	}

	/** Listens again on the same port. */
	public void restart() {
		server = bind(port);
		serve();
	}

	@Override
	public void close() {
		release.countDown();
		server.stop(0);
		handlers.shutdownNow();
	}

	private static HttpServer bind(int port) {
		try {
			return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the fake OpenAI server", ex);
		}
	}

	private void serve() {
		server.setExecutor(handlers);
		server.createContext("/", this::handle);
		server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			JsonNode body = raw.isEmpty() ? JSON.missingNode() : JSON.readTree(raw);
			requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					Collections.unmodifiableMap(headers), raw, body));
			Reply reply = script.poll();
			(reply != null ? reply : error(500, "Nothing was scripted for this request.")).answer(exchange, this);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	// ---- replies

	/** Streams each piece as a content chunk, {@code gap} before each, then finishes with {@code [DONE]}. */
	public static Reply chunks(Duration gap, String... pieces) {
		List<String> events = new ArrayList<>();
		events.add(json(Map.of("choices", List.of(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", ""))))));
		for (String piece : pieces) {
			events.add(chunk(piece));
		}
		events.add(json(Map.of("choices", List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop")))));
		events.add("[DONE]");
		return events(gap, events.toArray(String[]::new));
	}

	/** Streams these {@code data:} payloads as they are, {@code gap} before each, then ends the response. */
	public static Reply events(Duration gap, String... data) {
		return (exchange, server) -> {
			OutputStream out = startStream(exchange);
			for (String payload : data) {
				pause(gap);
				write(out, payload);
			}
		};
	}

	/** One chat.completion.chunk with this content, as the {@code data:} of an event. */
	public static String chunk(String content) {
		return json(Map.of("id", "chatcmpl-fake", "object", "chat.completion.chunk", "model", "fake-model", "choices",
				List.of(Map.of("index", 0, "delta", Map.of("content", content)))));
	}

	/** Answers with this status and an OpenAI-style JSON error. */
	public static Reply error(int status, String message) {
		return (exchange, server) -> {
			byte[] body = json(Map.of("error", Map.of("message", message, "type", "server_error")))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		};
	}

	/** Sends nothing at all, not even a status line, until reset or closed. */
	public static Reply silence() {
		return (exchange, server) -> server.release.await(LONGEST_REPLY.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Streams the pieces as content chunks at once, then sends nothing more until reset or closed. */
	public static Reply stallAfter(String... pieces) {
		return (exchange, server) -> {
			OutputStream out = startStream(exchange);
			for (String piece : pieces) {
				write(out, chunk(piece));
			}
			server.release.await(LONGEST_REPLY.toMillis(), TimeUnit.MILLISECONDS);
		};
	}

	/**
	 * Streams {@code piece} every {@code gap}, never finishing, until a write fails because the client closed
	 * the connection: that counts in {@link #clientsGone()}.
	 */
	public static Reply untilClientGoesAway(Duration gap, String piece) {
		return (exchange, server) -> {
			CountDownLatch released = server.release;
			long deadline = System.nanoTime() + LONGEST_REPLY.toNanos();
			try {
				OutputStream out = startStream(exchange);
				while (System.nanoTime() < deadline && released.getCount() > 0) {
					pause(gap);
					write(out, chunk(piece));
				}
			}
			catch (IOException ex) {
				server.clientsGone.incrementAndGet();
			}
		};
	}

	private static OutputStream startStream(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private static void write(OutputStream out, String data) throws IOException {
		out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** The pace of the simulated model between two pieces (not a wait for the test). */
	private static void pause(Duration gap) throws InterruptedException {
		if (!gap.isZero()) {
			TimeUnit.NANOSECONDS.sleep(gap.toNanos());
		}
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
