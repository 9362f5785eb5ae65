package dev.feedbackchat.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.SseEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;

import static dev.feedbackchat.HttpChat.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that never read cost only their own buffer: other answers stream at their pace, and the stalled
 * connections are closed once they hold back more than {@code chat.stream.buffer}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.stream.buffer=8KB")
class SlowClientIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LiveAnswers answers;

	@Autowired
	MeterRegistry meters;

	/**
	 * On loopback Linux sizes a socket's send buffer from the 64 KB segment size, about a megabyte, which
	 * would take a whole answer; across a network it is tens of kilobytes. A fixed small one (no autotuning)
	 * makes a client that does not read hold the server up here as it would there.
	 */
	@TestConfiguration
	static class SmallSendBuffers {

		@Bean
		TomcatConnectorCustomizer smallSendBuffers() {
			return connector -> connector.setProperty("socket.txBufSize", "4096");
		}

	}

	@Test
	void slowClientsSlowNoOne() throws Exception {
		double droppedBefore = dropped();
		List<String> longAnswers = new ArrayList<>();
		List<Socket> stalled = new ArrayList<>();
		ExecutorService readers = Executors.newFixedThreadPool(2);
		try {
			// Two answers of about 4,000 characters (80 s), each streamed to a client that never reads.
			for (int i = 0; i < 2; i++) {
				HttpChat slow = new HttpChat(port);
				String id = slow.send("x".repeat(3970));
				longAnswers.add(id);
				stalled.add(stall(id, slow.sessionCookie()));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> answers.activeStreams() >= 2);

			// Until both are dropped (their socket buffers fill first, then 8 KB queue here), rounds of ordinary
			// answers in two other sessions must come at the echo's pace.
			HttpChat first = new HttpChat(port);
			HttpChat second = new HttpChat(port);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			List<Long> gaps = new ArrayList<>();
			int rounds = 0;
			do {
				assertThat(System.nanoTime()).as("stalled connections dropped in time").isLessThan(deadline);
				CompletableFuture<List<Long>> one = CompletableFuture.supplyAsync(() -> hello(first), readers);
				CompletableFuture<List<Long>> two = CompletableFuture.supplyAsync(() -> hello(second), readers);
				gaps.addAll(one.join());
				gaps.addAll(two.join());
				rounds++;
			}
			while (dropped() < droppedBefore + 2);
			gaps.sort(null);
			assertThat(Duration.ofNanos(gaps.get(gaps.size() / 2))).as("median gap between characters over %d rounds", rounds)
				.isBetween(Duration.ofMillis(15), Duration.ofMillis(30));
			assertThat(rounds).isPositive();

			// Dropped here at once (Tomcat completes the response once the socket takes its pending bytes, or
			// closes it after its connection timeout); the ordinary streams have ended too.
			await().atMost(Duration.ofSeconds(5)).until(() -> answers.activeStreams() == 0);
			// The answers themselves go on; a reconnecting browser resumes them.
			assertThat(answers.progress(UUID.fromString(longAnswers.get(0)))).hasValueSatisfying(p -> assertThat(p.finished()).isFalse());
		}
		finally {
			readers.shutdownNow();
			for (Socket socket : stalled) {
				socket.close();
			}
			longAnswers.forEach(id -> answers.stop(UUID.fromString(id)));
		}
	}

	/** Opens the answer's stream on a socket with a tiny receive window, and never reads from it. */
	private Socket stall(String id, String cookie) throws IOException {
		Socket socket = new Socket();
		// Before connecting: the window is agreed in the handshake.
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress("localhost", port), 5000);
		String request = "GET /messages/" + id + "/stream HTTP/1.1\r\nHost: localhost:" + port
				+ "\r\nAccept: text/event-stream\r\nCookie: " + cookie + "\r\n\r\n";
		socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		return socket;
	}

	/** Sends "hello", reads its whole stream and returns the gaps between its characters, in nanoseconds. */
	private static List<Long> hello(HttpChat chat) {
		try {
			long sent = System.nanoTime();
			String id = chat.send("hello");
			List<SseEvent> events = chat.readAll(id, null);
			SseEvent done = events.get(events.size() - 1);
			assertThat(done.name()).isEqualTo("done");
			assertThat(text(events)).isEqualTo("You said, \"hello\" ...interesting.");
			assertThat(Duration.ofNanos(done.arrivedNanos() - sent)).as("whole answer").isLessThan(Duration.ofSeconds(2));
			List<Long> gaps = new ArrayList<>();
			// The first chunk may catch up on what was typed before the stream opened.
			for (int i = 2; i < events.size() - 1; i++) {
				gaps.add(events.get(i).arrivedNanos() - events.get(i - 1).arrivedNanos());
			}
			return gaps;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private double dropped() {
		return meters.get("chat.streams.dropped").counter().count();
	}

}
