package dev.feedbackchat.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.TestMessages;
import dev.feedbackchat.responder.FakeOpenAiServer;
import dev.feedbackchat.store.EmbeddedPostgresServer;
import dev.feedbackchat.stream.OtherInstances;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import static dev.feedbackchat.HttpChat.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances of the app on loopback sharing one PostgreSQL (sessions and the record), as behind a load
 * balancer without sticky sessions: one browser session's requests go to either. The instances that are
 * stopped mid-stream run as real processes ({@code java -jar}) and are killed, not shut down.
 */
class ClusterIntegrationTests {

	static final Path JAR = Path.of("target", "feedback-chat.jar");

	static EmbeddedPostgres postgres;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	/** The instances started as processes, by port. */
	static final Map<Integer, Process> processes = new ConcurrentHashMap<>();

	@BeforeAll
	static void startInstances() {
		postgres = EmbeddedPostgresServer.start();
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopInstances() throws IOException {
		processes.values().forEach(Process::destroyForcibly);
		first.close();
		second.close();
		postgres.close();
	}

	static String echo(String prompt) {
		return "You said, \"" + prompt + "\" ...interesting.";
	}

	@Test
	void historyWrittenThroughOneInstanceIsShownByTheOther() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("hello");
		assertThat(text(viaFirst.readAll(id, null))).isEqualTo(echo("hello"));

		Document page = viaSecond.page();
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("hello");
		Element answer = page.selectFirst("#m-" + id);
		assertThat(answer.selectFirst(".content").text()).isEqualTo(echo("hello"));
		assertThat(answer.hasAttr("sse-connect")).as("finished, not streaming").isFalse();
		assertThat(answer.select("button[aria-label='Thumbs up']")).hasSize(1);
	}

	@Test
	void sessionCookieComesFromTheSharedStoreWithItsFlags() throws Exception {
		HttpResponse<String> page = new HttpChat(port(first)).get("/");
		assertThat(page.headers().allValues("Set-Cookie")).singleElement()
			.satisfies(cookie -> assertThat(cookie).startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
		assertThat(count("select count(*) from spring_session")).isPositive();
	}

	@Test
	void ratingSentToTheOtherInstanceIsRecordedAndShownByBoth() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("rate me elsewhere");
		viaFirst.readAll(id, null);

		assertThat(viaSecond.rate(id, 1).statusCode()).isEqualTo(200);

		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			Element up = via.page().selectFirst("#m-" + id + " button[aria-label='Thumbs up']");
			assertThat(up.attr("aria-pressed")).isEqualTo("true");
			assertThat(up.hasAttr("disabled")).isTrue();
		}
		assertThat(count("select count(*) from feedback where message_id = ?", id)).isEqualTo(1);
	}

	@Test
	void detailsSentToTheOtherInstanceAreShownByBothAndSentOnce() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("correct me elsewhere");
		viaFirst.readAll(id, null);
		assertThat(viaFirst.rate(id, 0).statusCode()).isEqualTo(200);

		assertThat(viaSecond.post("/messages/" + id + "/comment",
				Map.of("reason", "Too long", "correction", "Short <b>and</b> sweet.")).statusCode()).isEqualTo(200);

		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			Element answer = via.page().selectFirst("#m-" + id);
			assertThat(answer.select(".reasons-sent li").eachText()).containsExactly("Too long");
			assertThat(answer.selectFirst(".correction-text").text()).isEqualTo("Short <b>and</b> sweet.");
			assertThat(answer.select(".comment-form")).isEmpty();
		}
		assertThat(viaFirst.post("/messages/" + id + "/comment", Map.of("comment", "again")).statusCode()).isEqualTo(409);
		assertThat(count("select count(*) from feedback where message_id = ? and reasons = 'Too long' and comment is null",
				id)).isEqualTo(1);
	}

	@Test
	void streamOpenedOnTheOtherInstanceWhileTheFirstTypesIsTheExactAnswerRecordedOnce() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String prompt = "one stream, two servers";
		String id = viaFirst.send(prompt);

		List<SseEvent> events = viaSecond.readAll(id, null);

		assertThat(text(events)).isEqualTo(echo(prompt));
		assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
		assertIdsCountTheText(events, 0);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("select count(*) from message where id = ? and content = ?", id, echo(prompt)) == 1);
		assertThat(viaFirst.rate(id, 0).statusCode()).isEqualTo(200);
	}

	@Test
	void answersRegeneratedOnOneInstanceAreShownAndRatedOnTheOtherAsRecorded() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("again, please");
		viaFirst.readAll(id, null);
		byte[] before = turnBytes(id);

		HttpResponse<String> response = viaFirst.post("/messages/" + id + "/regenerate", Map.of());

		assertThat(response.statusCode()).isEqualTo(200);
		String regenerated = Jsoup.parseBodyFragment(response.body()).selectFirst("article.message.assistant").id()
			.substring("m-".length());
		assertThat(text(viaSecond.readAll(regenerated, null))).isEqualTo(echo("again, please"));
		await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from message where id = ?", regenerated) == 1);
		assertThat(viaSecond.page().selectFirst("#m-" + regenerated + " .sibling-place").text()).isEqualTo("2 / 2");
		assertThat(viaSecond.rate(id, 1).statusCode()).as("the answer not shown").isEqualTo(200);

		// A request of the session on another instance read the turn before the regenerate and wrote it after (both
		// at once): the session lost the new answer, the record has it. Every page shows it, and it can be rated.
		writeTurnBytes(id, before);
		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			Element answer = via.page().selectFirst("#m-" + id);
			assertThat(answer.selectFirst(".sibling-place").text()).isEqualTo("1 / 2");
			assertThat(answer.selectFirst("button[aria-label='Next answer']").attr("hx-post"))
				.isEqualTo("/messages/" + regenerated + "/show");
			assertLockedOn(answer, "Thumbs up");
		}
		assertThat(viaSecond.rate(regenerated, 0).statusCode()).isEqualTo(200);
		assertThat(viaFirst.post("/messages/" + regenerated + "/show", Map.of()).statusCode()).isEqualTo(200);
		assertLockedOn(viaSecond.page().selectFirst("#m-" + regenerated), "Thumbs down");
		assertThat(count("select count(*) from message where prompt_id = (select prompt_id from message where id = ?)", id))
			.isEqualTo(2);
	}

	/** The session attribute of the turn whose first answer is {@code answerId}, as stored. */
	static byte[] turnBytes(String answerId) {
		return JdbcClient.create(first.getBean(DataSource.class))
			.sql("select attribute_bytes from spring_session_attributes where attribute_name like ?")
			.param("chat.turn.%." + answerId)
			.query(byte[].class)
			.single();
	}

	static void writeTurnBytes(String answerId, byte[] bytes) {
		assertThat(JdbcClient.create(first.getBean(DataSource.class))
			.sql("update spring_session_attributes set attribute_bytes = ? where attribute_name like ?")
			.param(bytes)
			.param("chat.turn.%." + answerId)
			.update()).isEqualTo(1);
	}

	@Test
	void upOnOneInstanceAndDownOnTheOtherBothShowTheWinner() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("up or down");
		viaFirst.readAll(id, null);

		List<HttpResponse<String>> responses = atOnce(List.of(() -> viaFirst.rate(id, 1), () -> viaSecond.rate(id, 0)));

		assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
		String winner = recordedRating(id);
		for (HttpResponse<String> response : responses) {
			assertLockedOn(Jsoup.parseBodyFragment(response.body()), winner);
		}
		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			assertLockedOn(via.page().selectFirst("#m-" + id), winner);
			HttpResponse<String> again = via.rate(id, 1);
			assertThat(again.statusCode()).isEqualTo(409);
			assertLockedOn(Jsoup.parseBodyFragment(again.body()), winner);
		}
		assertThat(count("select count(*) from feedback where message_id = ?", id)).isEqualTo(1);
	}

	@Test
	void promptOnOneInstanceWhileACommentGoesToTheOtherKeepsBoth() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String rated = viaFirst.send("comment on me");
		viaFirst.readAll(rated, null);
		assertThat(viaFirst.rate(rated, 1).statusCode()).isEqualTo(200);

		List<HttpResponse<String>> responses = atOnce(List.of(() -> viaFirst.post("/messages", Map.of("prompt", "next")),
				() -> viaSecond.post("/messages/" + rated + "/comment", Map.of("comment", "kept"))));

		assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(200, 200);
		String next = Jsoup.parseBodyFragment(responses.get(0).body()).select("article.message.assistant").last().id()
			.substring("m-".length());
		viaSecond.readAll(next, null);
		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			Document page = via.page();
			assertThat(page.select("article.message.user .content").eachText()).containsExactly("comment on me", "next");
			assertThat(page.selectFirst("#m-" + rated + " .comment-text").text()).isEqualTo("kept");
			assertThat(page.selectFirst("#m-" + next + " .content").text()).isEqualTo(echo("next"));
		}
	}

	@Test
	void ofTwentyConcurrentRatingsOverBothInstancesOneIsRecordedAndBothPagesShowIt() throws Exception {
		HttpChat viaFirst = new HttpChat(port(first));
		HttpChat viaSecond = viaFirst.via(port(second));
		String id = viaFirst.send("race");
		viaFirst.readAll(id, null);
		viaSecond.page();
		List<Callable<HttpResponse<String>>> ratings = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			HttpChat via = i % 2 == 0 ? viaFirst : viaSecond;
			int value = i % 2;
			ratings.add(() -> via.rate(id, value));
		}

		List<HttpResponse<String>> responses = atOnce(ratings);

		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 409);
		assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(1);
		assertThat(count("select count(*) from feedback where message_id = ?", id)).isEqualTo(1);
		String winner = recordedRating(id);
		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			assertLockedOn(via.page().selectFirst("#m-" + id), winner);
		}
	}

	/** Sends the requests at the same moment, each on its own thread, and returns their responses in order. */
	static <T> List<T> atOnce(List<Callable<T>> requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> request : requests) {
				futures.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The label of the recorded rating of an answer: "Thumbs up" or "Thumbs down". */
	static String recordedRating(String answerId) {
		return count("select rating from feedback where message_id = ?", answerId) == 1 ? "Thumbs up" : "Thumbs down";
	}

	/** The rating buttons in {@code html} show {@code label} pressed, the other not, and all are disabled. */
	static void assertLockedOn(Element html, String label) {
		assertThat(html.select("button[name=value]")).hasSize(2).allSatisfy(button -> {
			assertThat(button.hasAttr("disabled")).as("locked").isTrue();
			assertThat(button.attr("aria-pressed")).isEqualTo(Boolean.toString(button.attr("aria-label").equals(label)));
		});
	}

	@Test
	void echoOfAnInstanceKilledMidStreamIsResumedByAnotherAfterLastEventId() throws Exception {
		int killedPort = launch();
		HttpChat viaKilled = new HttpChat(killedPort);
		HttpChat viaSecond = viaKilled.via(port(second));
		String prompt = "a prompt long enough to still be typing when its server dies ".repeat(3);
		String answer = echo(prompt);
		String id = viaKilled.send(prompt);

		StringBuilder seen = new StringBuilder();
		String lastEventId;
		try (EventStream stream = viaKilled.stream(id, null)) {
			SseEvent event;
			do {
				event = stream.next();
				seen.append(HtmlUtils.htmlUnescape(event.data()));
			}
			while (seen.length() < 20);
			lastEventId = event.id();
			kill(killedPort);
		}
		assertThat(seen.length()).as("killed mid-stream").isLessThan(answer.length() / 2);

		List<SseEvent> rest = viaSecond.readAll(id, lastEventId);

		assertThat(seen + text(rest)).isEqualTo(answer);
		assertThat(rest.get(rest.size() - 1).name()).isEqualTo("done");
		assertIdsCountTheText(rest, Integer.parseInt(lastEventId));
		Element finished = HttpChat.finished(rest);
		assertThat(finished.selectFirst(".content").text()).isEqualTo(answer.strip());
		assertThat(viaSecond.rate(id, 1).statusCode()).isEqualTo(200);
		assertThat(count("select count(*) from message where id = ? and status = 'complete'", id)).isEqualTo(1);
	}

	@Test
	void modelAnswerOfAnInstanceKilledMidStreamIsMarkedInterruptedAndCanBeRetriedOnAnother() throws Exception {
		try (FakeOpenAiServer openAi = FakeOpenAiServer.start()) {
			String[] model = { "--chat.responder=openai", "--chat.openai.api-key=test-key",
					"--chat.openai.base-url=" + openAi.baseUrl() };
			openAi.script(FakeOpenAiServer.untilClientGoesAway(Duration.ofMillis(50), "word "),
					FakeOpenAiServer.chunks(Duration.ofMillis(5), "Hello", " again"));
			int killedPort = launch(model);
			try (ConfigurableApplicationContext survivor = instance(model)) {
				HttpChat viaKilled = new HttpChat(killedPort);
				HttpChat viaSurvivor = viaKilled.via(port(survivor));
				String id = viaKilled.send("tell me a long story");
				String lastEventId;
				try (EventStream stream = viaKilled.stream(id, null)) {
					lastEventId = stream.next().id();
					kill(killedPort);
				}

				// The browser reconnects through the proxy; the answer cannot be generated again the same way.
				List<SseEvent> rest = viaSurvivor.readAll(id, lastEventId);
				assertThat(rest).extracting(SseEvent::name).endsWith("done");
				Element interrupted = HttpChat.finished(rest);
				assertThat(interrupted.selectFirst(".alert").text()).isEqualTo(TestMessages.english(OtherInstances.INTERRUPTED));
				assertThat(interrupted.select("button.retry-button")).hasSize(1);
				assertThat(interrupted.select("button[aria-label='Thumbs up']")).isEmpty();

				HttpResponse<String> retried = viaSurvivor.post("/messages/" + id + "/retry", Map.of());
				assertThat(retried.statusCode()).isEqualTo(200);
				assertThat(text(viaSurvivor.readAll(id, null))).isEqualTo("Hello again");
				assertThat(viaSurvivor.rate(id, 1).statusCode()).isEqualTo(200);
				assertThat(count("select count(*) from message where id = ? and status = 'complete' and content = 'Hello again'", id))
					.isEqualTo(1);
			}
		}
	}

	// ---- instances

	static String[] shared(String... extra) {
		return shared(postgres, extra);
	}

	/** The settings every instance on {@code database} shares, then {@code extra}. */
	static String[] shared(EmbeddedPostgres database, String... extra) {
		return Stream.concat(Stream.of("--chat.cluster.enabled=true", "--chat.cluster.heartbeat=200ms",
				"--chat.cluster.failure-timeout=1500ms", "--chat.cluster.follow-interval=100ms",
				"--spring.datasource.url=" + EmbeddedPostgresServer.url(database), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--chat.admin.password=test-admin-password"), Stream.of(extra))
			.toArray(String[]::new);
	}

	static ConfigurableApplicationContext instance(String... extra) {
		return new SpringApplicationBuilder(FeedbackChatApplication.class)
			.run(Stream.concat(Stream.of("--server.port=0"), Stream.of(shared(extra))).toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Starts the packaged app as its own process (one that can really die), and waits until it is ready. */
	static int launch(String... extra) throws Exception {
		assumeTrue(Files.exists(JAR), "needs the packaged app: ./mvnw verify builds it before the integration tests");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toString(), "--server.port=" + port));
		command.addAll(List.of(shared(extra)));
		Path log = Files.createTempFile("instance-" + port + "-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		processes.put(port, process);
		HttpClient client = HttpClient.newHttpClient();
		URI ready = URI.create("http://localhost:" + port + "/actuator/health/readiness");
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("instance on port %d (log: %s)", port, log).isTrue();
			try {
				return client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return port;
	}

	/** Kills the instance on this port at once (SIGKILL): no shutdown, nothing finished or stored. */
	static void kill(int port) throws Exception {
		processes.remove(port).destroyForcibly().waitFor();
	}

	// ---- checks

	/** Every chunk's id is the answer's length (code points) after it: nothing lost or repeated. */
	static void assertIdsCountTheText(List<SseEvent> events, int from) {
		int length = from;
		for (SseEvent event : events) {
			if (event.name().equals("chunk")) {
				String piece = HtmlUtils.htmlUnescape(event.data());
				length += piece.codePointCount(0, piece.length());
				assertThat(event.id()).isEqualTo(Integer.toString(length));
			}
		}
	}

	static long count(String sql, Object... params) {
		JdbcClient.StatementSpec spec = JdbcClient.create(first.getBean(DataSource.class)).sql(sql);
		for (Object param : params) {
			spec = spec.param(param instanceof String s && s.matches("[0-9a-f-]{36}") ? UUID.fromString(s) : param);
		}
		return spec.query(Long.class).single();
	}

}
