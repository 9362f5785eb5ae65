package dev.feedbackchat.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The concurrent-streams load benchmark (docs/benchmarks.md, "Concurrent streams"): starts
 * {@code java -jar target/feedback-chat.jar} on a free port with a temporary data directory, and drives N
 * simulated users over java.net.http, all asynchronous (no thread per user): load the page, send "hello",
 * read the answer's SSE stream to its {@code done} event, fetch the finished message (as htmx does), rate it
 * thumbs up, think 1 s, repeat. It records when every character arrives, checks the text is exactly right,
 * and samples the server's CPU and memory. Modes ({@code -Dload.mode}, comma-separated): {@code streams},
 * {@code startup}, {@code memory}; default all three.
 */
public final class LoadBenchmark {

	static final String PROMPT = "hello";

	static final String EXPECTED = "You said, \"" + PROMPT + "\" ...interesting.";

	static final Path OUT = Path.of("target/load");

	public static void main(String[] args) throws Exception {
		// With 2 cores the common pool has parallelism 1, and CompletableFuture then starts a new thread per
		// async completion (the HttpClient completes its futures that way): give it real threads.
		System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
		Files.createDirectories(OUT);
		String modes = System.getProperty("load.mode", "streams,startup,memory");
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("machine", machine());
		if (modes.contains("streams")) {
			List<Map<String, Object>> levels = new ArrayList<>();
			for (String users : System.getProperty("load.users", "1000").split(",")) {
				levels.add(streams(Integer.parseInt(users.trim())));
				results.put("levels", levels);
				write(results);
			}
			printTable(levels);
			Files.writeString(Path.of(System.getProperty("load.plot", "docs/load.svg")), Plot.svg(plotted(levels)));
		}
		if (modes.equals("plot")) {
			// only redraw the plot from -Dload.plotExtra (points of earlier runs)
			Files.writeString(Path.of(System.getProperty("load.plot", "docs/load.svg")), Plot.svg(plotted(List.of())));
		}
		if (modes.contains("startup")) {
			results.put("startup", startup(Integer.getInteger("load.startupRuns", 5)));
			write(results);
		}
		if (modes.contains("memory")) {
			results.put("sessionMemory", sessionMemory(Integer.getInteger("load.sessions", 10_000)));
			write(results);
		}
		System.out.println("Results: " + OUT.resolve("results.json").toAbsolutePath());
		System.exit(0);
	}

	// ------------------------------------------------------------------------------------------------------
	// Streams

	static Map<String, Object> streams(int users) throws Exception {
		Duration ramp = duration(System.getProperty("load.ramp", "15s"));
		Duration measure = duration(System.getProperty("load.duration", "60s"));
		long thinkMs = Long.getLong("load.think", 1000);
		System.out.printf("%n== %d users: ramp %ss, measure %ss ==%n", users, ramp.toSeconds(), measure.toSeconds());
		try (Server server = Server.start("streams-" + users, List.of())) {
			Run run = new Run(server.port, thinkMs, Integer.MAX_VALUE, true);
			run.warmUp();
			long start = System.nanoTime();
			for (int i = 0; i < users; i++) {
				long at = ramp.toNanos() * i / users;
				run.scheduler.schedule(run::startUser, at, TimeUnit.NANOSECONDS);
			}
			Thread.sleep(ramp.toMillis() + 2000);
			ProcStat serverBefore = ProcStat.of(server.pid());
			ProcStat clientBefore = ProcStat.of(ProcessHandle.current().pid());
			long machineBefore = ProcStat.machineBusyTicks();
			int errorsBefore = run.errors.get();
			run.recording = true;
			long windowStart = System.nanoTime();
			long maxRss = 0;
			long measureEnd = windowStart + measure.toNanos();
			while (System.nanoTime() < measureEnd) {
				Thread.sleep(1000);
				maxRss = Math.max(maxRss, ProcStat.rssKb(server.pid()));
				long s = (System.nanoTime() - windowStart) / 1_000_000_000;
				if (s % 10 == 0) {
					System.out.printf("  t=%3ds turns=%d errors=%d %s%n", s, run.turns.get(), run.errors.get(), run.firstErrors.keySet());
				}
			}
			run.recording = false;
			double window = (System.nanoTime() - windowStart) / 1e9;
			ProcStat serverAfter = ProcStat.of(server.pid());
			ProcStat clientAfter = ProcStat.of(ProcessHandle.current().pid());
			long machineAfter = ProcStat.machineBusyTicks();
			long heapUsedKb = server.heapUsedKb();
			int errorsInWindow = run.errors.get() - errorsBefore;
			run.stopping = true;
			run.awaitUsers(Duration.ofSeconds(30));
			Map<String, Object> level = new LinkedHashMap<>();
			level.put("users", users);
			level.put("windowSeconds", round(window));
			level.put("turns", run.recordedTurns.get());
			level.put("turnsPerSecond", round(run.recordedTurns.get() / window));
			level.put("characters", run.recordedChars.get());
			level.put("gapMs", run.gaps.summary());
			level.put("firstCharacterMs", run.firsts.summary());
			level.put("ratingMs", run.ratings.summary());
			level.put("pageMs", run.pages.summary());
			level.put("sendMs", run.sends.summary());
			level.put("turnMs", run.turnTimes.summary());
			level.put("errors", run.errors.get());
			level.put("errorsInWindow", errorsInWindow);
			level.put("errorKinds", new LinkedHashMap<>(run.firstErrors));
			level.put("textMismatches", run.mismatches.get());
			level.put("catchUpChunks", run.catchUps.get());
			level.put("answersFinishedBeforeStream", run.lateStreams.get());
			level.put("serverCpuCores", round((serverAfter.ticks - serverBefore.ticks) / ProcStat.HZ / window));
			level.put("clientCpuCores", round((clientAfter.ticks - clientBefore.ticks) / ProcStat.HZ / window));
			level.put("otherCpuCores", round(((machineAfter - machineBefore) - (serverAfter.ticks - serverBefore.ticks)
					- (clientAfter.ticks - clientBefore.ticks)) / ProcStat.HZ / window));
			level.put("serverRssMaxMb", maxRss / 1024);
			level.put("serverHeapUsedMb", heapUsedKb / 1024);
			level.put("serverThreads", serverAfter.threads);
			run.close();
			System.out.println("  " + level);
			return level;
		}
	}

	/** One run of simulated users against one server. */
	static final class Run implements AutoCloseable {

		final int port;

		final long thinkMs;

		final int maxTurns;

		final boolean loadPageEachTurn;

		final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemon("vu-timer"));

		final ExecutorService executor = Executors.newFixedThreadPool(Integer.getInteger("load.clientThreads", 2),
				daemon("vu-io"));

		final HttpClient client;

		volatile boolean recording;

		volatile boolean stopping;

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger turns = new AtomicInteger();

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

		final CountDownLatch noUsers = new CountDownLatch(1);

		Run(int port, long thinkMs, int maxTurns, boolean loadPageEachTurn) {
			this.port = port;
			this.thinkMs = thinkMs;
			this.maxTurns = maxTurns;
			this.loadPageEachTurn = loadPageEachTurn;
			this.client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.executor(executor)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
		}

		/** A few hundred turns before anything counts, so the server's JIT has compiled the hot paths. */
		void warmUp() throws InterruptedException {
			Run warm = new Run(port, 0, 10, false);
			for (int i = 0; i < 50; i++) {
				warm.startUser();
			}
			warm.awaitUsers(Duration.ofSeconds(60));
			warm.close();
			System.out.printf("  warm-up: %d turns, %d errors %s%n", warm.turns.get(), warm.errors.get(), warm.firstErrors);
		}

		void startUser() {
			running.incrementAndGet();
			new User(this).loadPage();
		}

		void userEnded() {
			if (running.decrementAndGet() == 0 && (stopping || maxTurns != Integer.MAX_VALUE)) {
				noUsers.countDown();
			}
		}

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
			firstErrors.putIfAbsent(kind, detail == null ? "" : detail.length() > 200 ? detail.substring(0, 200) : detail);
		}

		HttpRequest.Builder request(String path, String cookie) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.timeout(Duration.ofSeconds(30));
			if (cookie != null) {
				builder.header("Cookie", cookie);
			}
			return builder;
		}

		@Override
		public void close() {
			scheduler.shutdownNow();
			executor.shutdownNow();
		}

	}

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	static final Pattern ANSWER = Pattern.compile("<article id=\"m-([0-9a-f-]{36})\" class=\"message assistant\"");

	static final Pattern CONNECT = Pattern.compile("sse-connect=\"/messages/[0-9a-f-]{36}/stream\\?from=(\\d+)\"");

	static final Pattern CONTENT = Pattern.compile("<div class=\"content\"[^>]*>([^<]*)</div>");

	/** One simulated user: a session cookie and a CSRF token, moved along by callbacks. */
	static class User {

		final Run run;

		String cookie;

		String csrf;

		int turn;

		long turnStart;

		boolean recordTurn;

		User(Run run) {
			this.run = run;
		}

		void loadPage() {
			if (run.stopping || turn >= run.maxTurns) {
				run.userEnded();
				return;
			}
			turnStart = System.nanoTime();
			recordTurn = run.recording;
			if (!run.loadPageEachTurn && csrf != null) {
				send();
				return;
			}
			run.client.sendAsync(run.request("/", cookie).GET().build(), HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, failure) -> {
					if (failed("page", response, failure)) {
						return;
					}
					record(run.pages, System.nanoTime() - turnStart);
					response.headers().allValues("Set-Cookie").stream()
						// JSESSIONID from Tomcat, SESSION from Spring Session (chat.cluster.enabled)
						.filter(c -> c.startsWith("JSESSIONID=") || c.startsWith("SESSION="))
						.findFirst()
						.ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
					Matcher m = CSRF.matcher(response.body());
					if (!m.find()) {
						fail("page", "no CSRF token");
						return;
					}
					csrf = m.group(1) != null ? m.group(1) : m.group(2);
					send();
				});
		}

		void send() {
			long sent = System.nanoTime();
			HttpRequest post = run.request("/messages", cookie)
				.header("HX-Request", "true")
				.header("X-CSRF-TOKEN", csrf)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("prompt=" + PROMPT))
				.build();
			run.client.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
				long arrived = System.nanoTime();
				if (failed("send", response, failure)) {
					return;
				}
				record(run.sends, arrived - sent);
				String body = response.body();
				Matcher answer = ANSWER.matcher(body);
				if (!answer.find()) {
					fail("send", "no assistant message in " + body);
					return;
				}
				String id = answer.group(1);
				String rest = body.substring(answer.start());
				Matcher connect = CONNECT.matcher(rest);
				Matcher content = CONTENT.matcher(rest);
				if (!connect.find() || !content.find()) {
					fail("send", "answer not streaming: " + rest);
					return;
				}
				int from = Integer.parseInt(connect.group(1));
				String shown = unescape(content.group(1));
				new Stream(this, id, sent, from, shown, shown.isEmpty() ? 0 : arrived).open();
			});
		}

		static final String FINISHED = "You said, &quot;" + PROMPT + "&quot; ...interesting.";

		/** @param lateSent when the answer never streamed: when its prompt was sent, else 0 */
		void streamed(String id, boolean ok, long lateSent) {
			if (!ok) {
				next();
				return;
			}
			// htmx fetches the finished message on the done event
			run.client.sendAsync(run.request("/messages/" + id, cookie).header("HX-Request", "true").GET().build(),
					HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
						long arrived = System.nanoTime();
						if (failed("finished", response, failure)) {
							return;
						}
						if (lateSent != 0) {
							if (!response.body().contains(FINISHED)) {
								run.mismatches.incrementAndGet();
								fail("text", "finished message without the answer: " + response.body());
								return;
							}
							record(run.firsts, arrived - lateSent);
						}
						rate(id);
					});
		}

		void rate(String id) {
			long sent = System.nanoTime();
			HttpRequest post = run.request("/messages/" + id + "/feedback", cookie)
				.header("HX-Request", "true")
				.header("X-CSRF-TOKEN", csrf)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("value=1"))
				.build();
			run.client.sendAsync(post, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
				long arrived = System.nanoTime();
				if (failed("rate", response, failure)) {
					return;
				}
				record(run.ratings, arrived - sent);
				run.turns.incrementAndGet();
				if (recordTurn) {
					run.recordedTurns.incrementAndGet();
					record(run.turnTimes, arrived - turnStart);
				}
				next();
			});
		}

		void next() {
			turn++;
			if (run.thinkMs == 0) {
				run.executor.execute(this::loadPage);
			}
			else {
				run.scheduler.schedule(this::loadPage, run.thinkMs, TimeUnit.MILLISECONDS);
			}
		}

		void record(Recorder recorder, long nanos) {
			if (recordTurn) {
				recorder.add(nanos);
			}
		}

		boolean failed(String step, HttpResponse<String> response, Throwable failure) {
			if (failure != null) {
				fail(step, failure.toString());
				return true;
			}
			if (response.statusCode() != 200) {
				fail(step, "HTTP " + response.statusCode());
				return true;
			}
			return false;
		}

		void fail(String step, String detail) {
			run.error(step, detail);
			next();
		}

	}

	/** Reads one answer's SSE stream line by line as it arrives, timing each chunk event. */
	static final class Stream implements Flow.Subscriber<String> {

		final User user;

		final String id;

		final long sent;

		final StringBuilder text;

		int expectedId;

		long previousArrival;

		long firstArrival;

		long eventStart;

		String eventId;

		String eventName;

		String eventData;

		boolean done;

		boolean finished;

		boolean mismatch;

		Stream(User user, String id, long sent, int from, String shown, long shownArrival) {
			this.user = user;
			this.id = id;
			this.sent = sent;
			this.text = new StringBuilder(shown);
			this.expectedId = from;
			if (shown.codePointCount(0, shown.length()) != from) {
				mismatch = true;
			}
			this.previousArrival = shownArrival;
			this.firstArrival = shownArrival;
		}

		void open() {
			Run run = user.run;
			HttpRequest request = run.request("/messages/" + id + "/stream?from=" + expectedId, user.cookie)
				.header("Accept", "text/event-stream")
				.GET()
				.build();
			HttpResponse.BodyHandler<Void> handler = info -> info.statusCode() == 200
					? HttpResponse.BodySubscribers.fromLineSubscriber(this)
					: HttpResponse.BodySubscribers.replacing(null);
			ScheduledFutureHolder timeout = new ScheduledFutureHolder();
			timeout.future = run.scheduler.schedule(() -> finish(false, "timeout", "no done event in 30 s"), 30,
					TimeUnit.SECONDS);
			run.client.sendAsync(request, handler).whenComplete((response, failure) -> {
				timeout.future.cancel(false);
				if (failure != null) {
					finish(false, "stream", failure.toString());
				}
				else if (response.statusCode() != 200) {
					finish(false, "stream", "HTTP " + response.statusCode());
				}
				else if (!done) {
					finish(false, "stream", "ended without done event");
				}
				else {
					finish(true, null, null);
				}
			});
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			long now = System.nanoTime();
			if (line.isEmpty()) {
				if (eventName != null || eventData != null) {
					event(eventStart);
				}
				eventId = null;
				eventName = null;
				eventData = null;
				eventStart = 0;
				return;
			}
			if (eventStart == 0) {
				eventStart = now;
			}
			int colon = line.indexOf(':');
			String field = colon < 0 ? line : line.substring(0, colon);
			String value = colon < 0 ? "" : line.substring(colon + 1);
			value = value.startsWith(" ") ? value.substring(1) : value;
			switch (field) {
				case "id" -> eventId = value;
				case "event" -> eventName = value;
				case "data" -> eventData = eventData == null ? value : eventData + "\n" + value;
				default -> {
				}
			}
		}

		private void event(long arrival) {
			if ("done".equals(eventName)) {
				done = true;
				return;
			}
			if (!"chunk".equals(eventName) || eventData == null) {
				return;
			}
			String piece = unescape(eventData);
			int count = piece.codePointCount(0, piece.length());
			text.append(piece);
			expectedId += count;
			if (eventId == null || Integer.parseInt(eventId) != expectedId) {
				mismatch = true;
			}
			if (count > 1) {
				user.run.catchUps.incrementAndGet();
			}
			if (firstArrival == 0) {
				firstArrival = arrival;
			}
			else {
				user.record(user.run.gaps, arrival - previousArrival);
			}
			previousArrival = arrival;
		}

		@Override
		public void onError(Throwable throwable) {
		}

		@Override
		public void onComplete() {
		}

		synchronized void finish(boolean ok, String kind, String detail) {
			if (finished) {
				return;
			}
			finished = true;
			if (ok && text.length() == 0 && expectedId == 0 && !mismatch) {
				// The answer finished before this stream attached: the stream is only the closing event and the
				// page shows the whole answer from the finished message (checked there). Slow, not lost.
				user.run.lateStreams.incrementAndGet();
				user.streamed(id, true, sent);
				return;
			}
			if (ok) {
				if (mismatch || !EXPECTED.contentEquals(text)) {
					user.run.mismatches.incrementAndGet();
					user.run.error("text", "got [" + text + "] ids " + expectedId);
					ok = false;
				}
				else {
					user.record(user.run.firsts, firstArrival - sent);
					if (user.recordTurn) {
						user.run.recordedChars.addAndGet(EXPECTED.length());
					}
				}
			}
			else {
				user.run.error(kind, detail);
			}
			user.streamed(id, ok, 0);
		}

	}

	static final class ScheduledFutureHolder {

		volatile java.util.concurrent.ScheduledFuture<?> future;

	}

	static String unescape(String html) {
		if (html.indexOf('&') < 0) {
			return html;
		}
		StringBuilder out = new StringBuilder(html.length());
		for (int i = 0; i < html.length(); i++) {
			char c = html.charAt(i);
			int semi;
			if (c == '&' && (semi = html.indexOf(';', i)) > 0) {
				String entity = html.substring(i + 1, semi);
				switch (entity) {
					case "quot" -> out.append('"');
					case "amp" -> out.append('&');
					case "lt" -> out.append('<');
					case "gt" -> out.append('>');
					case "apos" -> out.append('\'');
					default -> {
						if (entity.startsWith("#x")) {
							out.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
						}
						else if (entity.startsWith("#")) {
							out.appendCodePoint(Integer.parseInt(entity.substring(1)));
						}
						else {
							out.append(html, i, semi + 1);
						}
					}
				}
				i = semi;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Durations in nanoseconds, summarised as p50/p99/max in milliseconds. */
	static final class Recorder {

		private long[] values = new long[1 << 16];

		private int size;

		synchronized void add(long nanos) {
			if (size == values.length) {
				values = Arrays.copyOf(values, size * 2);
			}
			values[size++] = nanos;
		}

		synchronized Map<String, Object> summary() {
			long[] sorted = Arrays.copyOf(values, size);
			Arrays.sort(sorted);
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("count", size);
			s.put("p50", size == 0 ? 0 : ms(sorted[(int) Math.ceil(size * 0.50) - 1]));
			s.put("p99", size == 0 ? 0 : ms(sorted[(int) Math.ceil(size * 0.99) - 1]));
			s.put("max", size == 0 ? 0 : ms(sorted[size - 1]));
			return s;
		}

		private static double ms(long nanos) {
			return round(nanos / 1e6);
		}

	}

	/**
	 * The levels of this run, plus points of earlier runs given as
	 * {@code -Dload.plotExtra=users:gapP99:firstP99,...} (the plot in docs/ combines two runs).
	 */
	static List<Map<String, Object>> plotted(List<Map<String, Object>> levels) {
		List<Map<String, Object>> all = new ArrayList<>(levels);
		for (String point : System.getProperty("load.plotExtra", "").split(",")) {
			String[] f = point.trim().split(":");
			if (f.length == 3) {
				all.add(Map.of("users", Integer.parseInt(f[0]), "gapMs", Map.of("p99", Double.parseDouble(f[1])),
						"firstCharacterMs", Map.of("p99", Double.parseDouble(f[2]))));
			}
		}
		all.sort((a, b) -> Integer.compare(((Number) a.get("users")).intValue(), ((Number) b.get("users")).intValue()));
		return all;
	}

	// ------------------------------------------------------------------------------------------------------
	// Startup

	/**
	 * Time from launch to the first 200 from {@code GET /}, and the CPU the server used by then, of the ways
	 * chosen with {@code -Dload.startupWays} (default {@code plain,cds}): {@code plain}, {@code java -jar
	 * target/feedback-chat.jar}; {@code cds}, the jar extracted with Spring Boot's jarmode tools and run with a
	 * class data sharing archive made by a training run (README.md, "Running in production");
	 * {@code aotcache}, the same with the AOT cache of Java 24 and later instead, run by the {@code java} given
	 * as {@code -Dload.aotJava}. The runs alternate between the ways so that all see the same load.
	 */
	static Map<String, Object> startup(int runs) throws Exception {
		List<String> ways = Arrays.asList(System.getProperty("load.startupWays", "plain,cds").split("\\s*,\\s*"));
		System.out.printf("%n== Startup: %d runs of %s ==%n", runs, ways);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// way -> the java, its options and the jar
		Map<String, List<String>> launches = new LinkedHashMap<>();
		if (ways.contains("plain")) {
			launches.put("plain", List.of(java, System.getProperty("load.jar", "target/feedback-chat.jar")));
		}
		if (ways.contains("cds") || ways.contains("aotcache")) {
			Path app = OUT.resolve("app").toAbsolutePath();
			run("extract", List.of(java, "-Djarmode=tools", "-jar", System.getProperty("load.jar", "target/feedback-chat.jar"),
					"extract", "--force", "--destination", app.toString()));
			String jar = app.resolve("feedback-chat.jar").toString();
			if (ways.contains("cds")) {
				Path archive = train("cds", java, "-XX:ArchiveClassesAtExit=", app.resolve("application.jsa"), jar);
				launches.put("cds", List.of(java, "-XX:SharedArchiveFile=" + archive, jar));
			}
			if (ways.contains("aotcache")) {
				String aotJava = System.getProperty("load.aotJava", "");
				if (aotJava.isBlank()) {
					throw new IllegalArgumentException("aotcache needs -Dload.aotJava=<the java of a JDK 24 or later>");
				}
				Path cache = train("aotcache", aotJava, "-XX:AOTCacheOutput=", app.resolve("application.aot"), jar);
				launches.put("aotcache", List.of(aotJava, "-XX:AOTCache=" + cache, jar));
			}
		}
		Map<String, List<Double>> times = new LinkedHashMap<>();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		List<Double> loads = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			for (Map.Entry<String, List<String>> way : launches.entrySet()) {
				List<String> launch = way.getValue();
				loads.add(loadAverage());
				try (Server server = Server.start("startup-" + way.getKey() + "-" + i, launch.get(0),
						launch.subList(1, launch.size() - 1), launch.get(launch.size() - 1), List.of())) {
					// CPU by ready (all threads: JIT and GC too) depends less on other work on the machine than time does
					double cpuSeconds = ProcStat.of(server.pid()).ticks() / ProcStat.HZ;
					times.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(round(server.readyMillis));
					cpu.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(round(cpuSeconds));
					System.out.printf("  run %d %-8s: %5.0f ms to the first 200 from GET /, %.1f s CPU (load average %.1f)%n",
							i + 1, way.getKey(), server.readyMillis, cpuSeconds, loads.get(loads.size() - 1));
				}
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("loadAverages", loads);
		for (String way : times.keySet()) {
			Map<String, Object> w = new LinkedHashMap<>();
			w.put("runsMs", times.get(way));
			w.put("medianMs", median(times.get(way)));
			w.put("cpuSeconds", cpu.get(way));
			w.put("medianCpuSeconds", median(cpu.get(way)));
			result.put(way, w);
			System.out.printf("  %-8s: median %.0f ms, %.1f s CPU%n", way, median(times.get(way)), median(cpu.get(way)));
		}
		return result;
	}

	/**
	 * A training run of the extracted jar that exits once the context is refreshed and leaves its class
	 * archive (or AOT cache) behind (the commands of README.md, "Running in production").
	 */
	static Path train(String name, String java, String option, Path archive, String jar) throws Exception {
		Files.deleteIfExists(archive);
		Path data = Files.createTempDirectory("feedback-chat-load");
		long started = System.nanoTime();
		run(name + "-training", List.of(java, option + archive, "-Dspring.context.exit=onRefresh", "-jar", jar,
				"--server.port=0", "--chat.store.path=" + data, "--chat.admin.password=load-benchmark"));
		if (!Files.exists(archive)) {
			throw new IllegalStateException("The training run made no archive; see " + OUT.resolve("server-" + name + "-training.log"));
		}
		System.out.printf("  %s archive %s (%d MB) made in %.1f s%n", name, archive, Files.size(archive) >> 20,
				(System.nanoTime() - started) / 1e9);
		return archive;
	}

	private static void run(String name, List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(OUT.resolve("server-" + name + ".log").toFile())
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " failed; see " + OUT.resolve("server-" + name + ".log"));
		}
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	static double loadAverage() throws IOException {
		return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
	}

	// ------------------------------------------------------------------------------------------------------
	// Session memory

	static Map<String, Object> sessionMemory(int sessions) throws Exception {
		System.out.printf("%n== Session memory: %d sessions x 10 turns ==%n", sessions);
		try (Server server = Server.start("memory", List.of("--chat.echo.delay=1ms"))) {
			Run warm = new Run(server.port, 0, 10, false);
			warm.warmUp();
			warm.close();
			long before = server.liveHeapKb();
			Run run = new Run(server.port, 0, 10, false);
			int concurrency = Integer.getInteger("load.memoryConcurrency", 200);
			AtomicInteger started = new AtomicInteger();
			CountDownLatch all = new CountDownLatch(sessions);
			// a fixed number of users at a time, each a new session doing 10 turns
			for (int i = 0; i < concurrency; i++) {
				startSession(run, sessions, started, all);
			}
			all.await(15, TimeUnit.MINUTES);
			long after = server.liveHeapKb();
			Files.writeString(OUT.resolve("memory-histogram.txt"), server.jcmd("GC.class_histogram"));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("sessions", sessions);
			result.put("turns", run.turns.get());
			result.put("errors", run.errors.get());
			result.put("errorKinds", new LinkedHashMap<>(run.firstErrors));
			result.put("liveHeapBeforeKb", before);
			result.put("liveHeapAfterKb", after);
			result.put("perSessionKb", round((after - before) / (double) sessions));
			run.close();
			System.out.println("  " + result);
			return result;
		}
	}

	private static void startSession(Run run, int sessions, AtomicInteger started, CountDownLatch all) {
		if (started.incrementAndGet() > sessions) {
			return;
		}
		User user = new User(run) {
			@Override
			void loadPage() {
				if (turn >= run.maxTurns) {
					all.countDown();
					startSession(run, sessions, started, all);
					return;
				}
				super.loadPage();
			}
		};
		user.loadPage();
	}

	// ------------------------------------------------------------------------------------------------------
	// The server under test

	static final class Server implements AutoCloseable {

		final Process process;

		final int port;

		final double readyMillis;

		private Server(Process process, int port, double readyMillis) {
			this.process = process;
			this.port = port;
			this.readyMillis = readyMillis;
		}

		long pid() {
			return process.pid();
		}

		static Server start(String name, List<String> extraArgs) throws Exception {
			return start(name, Path.of(System.getProperty("java.home"), "bin", "java").toString(), List.of(),
					System.getProperty("load.jar", "target/feedback-chat.jar"), extraArgs);
		}

		static Server start(String name, String java, List<String> jvmArgs, String jar, List<String> extraArgs)
				throws Exception {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path data = Files.createTempDirectory("feedback-chat-load");
			List<String> command = new ArrayList<>();
			command.add(java);
			String jvm = System.getProperty("load.serverJvmArgs", "").trim();
			if (!jvm.isEmpty()) {
				command.addAll(Arrays.asList(jvm.split("\\s+")));
			}
			command.addAll(jvmArgs);
			if (Boolean.getBoolean("load.jfr") && name.startsWith("streams")) {
				command.add("-XX:StartFlightRecording=filename=" + OUT.toAbsolutePath().resolve(name + ".jfr")
						+ ",settings=profile");
			}
			command.addAll(List.of("-jar", jar,
					"--server.port=" + port, "--chat.store.path=" + data, "--chat.admin.password=load-benchmark"));
			String appArgs = System.getProperty("load.serverArgs", "").trim();
			if (!appArgs.isEmpty()) {
				command.addAll(Arrays.asList(appArgs.split("\\s+")));
			}
			command.addAll(extraArgs);
			long started = System.nanoTime();
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(OUT.resolve("server-" + name + ".log").toFile())
				.start();
			HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
				.timeout(Duration.ofSeconds(5))
				.build();
			while (true) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The app did not start; see " + OUT.resolve("server-" + name + ".log"));
				}
				try {
					if (probe.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						break;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(120)) {
					process.destroyForcibly();
					throw new IllegalStateException("The app was not ready in 120 s");
				}
				Thread.sleep(5);
			}
			return new Server(process, port, (System.nanoTime() - started) / 1e6);
		}

		String jcmd(String... command) throws IOException, InterruptedException {
			List<String> cmd = new ArrayList<>();
			cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
			cmd.add(Long.toString(pid()));
			cmd.addAll(Arrays.asList(command));
			Process jcmd = new ProcessBuilder(cmd).redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor();
			return out;
		}

		static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

		long heapUsedKb() throws IOException, InterruptedException {
			Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
			return m.find() ? Long.parseLong(m.group(1)) : -1;
		}

		/** Heap in use after full collections (a few, until it stops shrinking). */
		long liveHeapKb() throws IOException, InterruptedException {
			long best = Long.MAX_VALUE;
			for (int i = 0; i < 3; i++) {
				jcmd("GC.run");
				best = Math.min(best, heapUsedKb());
			}
			return best;
		}

		@Override
		public void close() throws Exception {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}

	}

	/** CPU ticks (user + system) and threads of a process, from /proc/<pid>/stat. */
	record ProcStat(long ticks, int threads) {

		static final double HZ = 100.0;

		static ProcStat of(long pid) throws IOException {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields from 3 (state) on: utime is field 14, stime 15, num_threads 20
			return new ProcStat(Long.parseLong(f[11]) + Long.parseLong(f[12]), Integer.parseInt(f[17]));
		}

		/** Busy (not idle, not iowait) CPU ticks of the whole machine, from /proc/stat. */
		static long machineBusyTicks() throws IOException {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i <= 8 && i < f.length; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(f[i]);
				}
			}
			return busy;
		}

		static long rssKb(long pid) throws IOException {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
			return 0;
		}

	}

	// ------------------------------------------------------------------------------------------------------
	// Output

	@SuppressWarnings("unchecked")
	static void printTable(List<Map<String, Object>> levels) {
		System.out.printf("%n%6s | %-22s | %-22s | %-22s | %6s | %7s | %5s | %5s | %6s | %6s%n", "users",
				"gap ms p50/p99/max", "first char p50/p99/max", "rating p50/p99/max", "errors", "turns/s",
				"cpu S", "cpu C", "RSS MB", "heap MB");
		System.out.println("(cpu S: server, cpu C: load generator, in cores of 2; see results.json for other processes' CPU)");
		for (Map<String, Object> l : levels) {
			System.out.printf("%6d | %-22s | %-22s | %-22s | %6d | %7.1f | %5.2f | %5.2f | %6d | %6d%n", l.get("users"),
					triple((Map<String, Object>) l.get("gapMs")), triple((Map<String, Object>) l.get("firstCharacterMs")),
					triple((Map<String, Object>) l.get("ratingMs")), l.get("errors"), l.get("turnsPerSecond"),
					l.get("serverCpuCores"), l.get("clientCpuCores"), l.get("serverRssMaxMb"), l.get("serverHeapUsedMb"));
		}
	}

	static String triple(Map<String, Object> s) {
		return s.get("p50") + " / " + s.get("p99") + " / " + s.get("max");
	}

	static void write(Map<String, Object> results) throws IOException {
		Files.writeString(OUT.resolve("results.json"), Json.write(results, "") + "\n");
	}

	static Map<String, Object> machine() throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cores", Runtime.getRuntime().availableProcessors());
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
			.filter(l -> l.startsWith("model name"))
			.findFirst()
			.map(l -> l.substring(l.indexOf(':') + 1).trim())
			.orElse("?");
		m.put("cpu", cpu);
		String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
		m.put("memoryGiB", round(Long.parseLong(mem) / 1024.0 / 1024.0));
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		return m;
	}

	static Duration duration(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
		}
		if (t.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	static java.util.concurrent.ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private LoadBenchmark() {
	}

}
