package dev.feedbackchat.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated users against one server, all on one {@link HttpClient} (HTTP/1.1, a couple of I/O threads):
 * every request is {@code sendAsync} with a callback and think time is a scheduled task, so no thread is
 * held per user. Holds what the users measure; figures count only turns that start while {@link #recording}.
 */
final class Users implements AutoCloseable {

	final int port;

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	final long thinkMs;

	final int maxTurns;

	final List<TurnScript.Step> steps;

	final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, Settings.daemon("vu-timer"));

	final ExecutorService executor = Executors.newFixedThreadPool(Settings.clientThreads(), Settings.daemon("vu-io"));

	final HttpClient client;

	volatile boolean recording;

	volatile boolean stopping;

	final AtomicInteger running = new AtomicInteger();

	/** Turns finished, and requests sent, whenever: the window's share is the difference of two readings. */
	final AtomicLong turns = new AtomicLong();

	final AtomicLong requests = new AtomicLong();

	final AtomicInteger recordedTurns = new AtomicInteger();

	final AtomicLong recordedChars = new AtomicLong();

	final AtomicInteger errors = new AtomicInteger();

	final AtomicInteger mismatches = new AtomicInteger();

	final AtomicInteger catchUps = new AtomicInteger();

	final AtomicInteger lateStreams = new AtomicInteger();

	final Map<String, String> firstErrors = new ConcurrentHashMap<>();

	final Recorder gaps = new Recorder();

	final Recorder firsts = new Recorder();

	final Recorder ratings = new Recorder();

	final Recorder pages = new Recorder();

	final Recorder sends = new Recorder();

	final Recorder turnTimes = new Recorder();

	private final CountDownLatch noUsers = new CountDownLatch(1);

	/** @param maxTurns turns per user, after which the user leaves; {@code Integer.MAX_VALUE} until stopped */
	Users(int port, long thinkMs, int maxTurns, List<TurnScript.Step> steps) {
		this.port = port;
		this.thinkMs = thinkMs;
		this.maxTurns = maxTurns;
		this.steps = steps;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.executor(executor)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * 3,000 turns before anything counts, so that the server's JIT has compiled the hot paths: with 500, C2 was
	 * still compiling large methods (request mapping, H2, the filters) a minute into the measurement, a third of
	 * the server's CPU on 2 cores.
	 */
	static void warmUp(int port, List<TurnScript.Step> steps) throws InterruptedException {
		try (Users warm = new Users(port, 0, 30, steps)) {
			for (int i = 0; i < 100; i++) {
				warm.startUser();
			}
			warm.awaitUsers(Duration.ofSeconds(180));
			System.out.printf("  warm-up: %d turns, %d errors (%d answers finished before their stream) %s%n", warm.turns.get(),
					warm.errors.get(), warm.lateStreams.get(), warm.firstErrors);
		}
	}

	void startUser() {
		startUser(new User(this));
	}

	void startUser(User user) {
		running.incrementAndGet();
		user.start();
	}

	void userEnded() {
		if (running.decrementAndGet() == 0 && (stopping || maxTurns != Integer.MAX_VALUE)) {
			noUsers.countDown();
		}
	}

	/** Stops users that would go on for ever at their next turn, and waits until all have left. */
	void awaitUsers(Duration atMost) throws InterruptedException {
		if (maxTurns == Integer.MAX_VALUE) {
			stopping = true;
		}
		if (running.get() == 0) {
			return;
		}
		noUsers.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
	}

	void error(String kind, String detail) {
		errors.incrementAndGet();
		firstErrors.putIfAbsent(kind, detail == null ? "" : detail.length() > 300 ? detail.substring(0, 300) : detail);
	}

	/**
	 * A request of {@code user}: its session cookie, and its own client address as a proxy would forward it (the
	 * server runs with server.forward-headers-strategy=native and trusts this host as its proxy), so that each
	 * user is one client of chat.rate-limit, as people are, not all one address.
	 */
	HttpRequest.Builder request(String path, User user) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Forwarded-For", user.address);
		if (user.cookie != null) {
			builder.header("Cookie", user.cookie);
		}
		return builder;
	}

	/**
	 * A new user's address, from 198.18.0.0/15 (set aside for benchmarks, RFC 2544); only ever a header value,
	 * never a destination: every request goes to localhost.
	 */
	static String nextAddress() {
		int n = ADDRESSES.getAndIncrement() % (1 << 17);
		return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 255) + "." + (n & 255);
	}

	<T> CompletableFuture<HttpResponse<T>> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		requests.incrementAndGet();
		return client.sendAsync(request, handler);
	}

	@Override
	public void close() {
		scheduler.shutdownNow();
		executor.shutdownNow();
	}

}
