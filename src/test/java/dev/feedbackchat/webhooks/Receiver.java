package dev.feedbackchat.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback (the JDK's HTTP server): records every request whole, answers with the status
 * set (503 while "down"), optionally slowly, and counts requests in progress per webhook-id.
 */
class Receiver implements AutoCloseable {

	/** One request as received. */
	record Received(String id, String timestamp, String signature, String contentType, byte[] body, int answered) {

		String text() {
			return new String(body, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(16);

	private final List<Received> received = new ArrayList<>();

	private final Map<String, AtomicInteger> inProgress = new ConcurrentHashMap<>();

	private final AtomicInteger mostAtOnceForOneId = new AtomicInteger();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private volatile int status = 204;

	private volatile Duration delay = Duration.ZERO;

	Receiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		server.createContext("/hooks", this::handle);
		server.setExecutor(threads);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
	}

	/** The status every request gets from now on: 2xx is up, 503 down. */
	void answer(int status) {
		this.status = status;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	synchronized List<Received> received() {
		return List.copyOf(received);
	}

	/** The status for the n-th request (from 1) with this webhook-id: the one set by default. */
	int statusFor(String id, int attempt) {
		return status;
	}

	/** The requests answered with a 2xx. */
	synchronized List<Received> accepted() {
		return received.stream().filter(r -> r.answered() / 100 == 2).toList();
	}

	/** The most requests for one webhook-id that were in progress at the same time. */
	int mostAtOnceForOneId() {
		return mostAtOnceForOneId.get();
	}

	synchronized void clear() {
		received.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		AtomicInteger now = inProgress.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger());
		mostAtOnceForOneId.accumulateAndGet(now.incrementAndGet(), Math::max);
		try (exchange; InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readAllBytes();
			if (!delay.isZero()) {
				Thread.sleep(delay.toMillis());
			}
			int answered = statusFor(id, attempts.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger())
				.incrementAndGet());
			synchronized (this) {
				received.add(new Received(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
						exchange.getRequestHeaders().getFirst("webhook-signature"),
						exchange.getRequestHeaders().getFirst("Content-Type"), body, answered));
			}
			exchange.sendResponseHeaders(answered, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			now.decrementAndGet();
		}
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

}
