package dev.feedbackchat.stream;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static dev.feedbackchat.HttpChat.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real app on a random port, over real HTTP, with the echo at its real pace (20 ms a character). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AnswerStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LiveAnswers answers;

	HttpChat chat;

	@BeforeEach
	void newBrowser() {
		chat = new HttpChat(port);
	}

	static String echo(String prompt) {
		return "You said, \"" + prompt + "\" ...interesting.";
	}

	@Test
	void streamSendsEachCharacterAsANamedEventWithItsIndexThenDone() throws Exception {
		String id = chat.send("hello");
		long requested = System.nanoTime();
		List<SseEvent> events = chat.readAll(id, null);

		String expected = echo("hello");
		assertThat(text(events)).isEqualTo(expected);
		List<SseEvent> chunks = events.subList(0, events.size() - 1);
		assertThat(chunks).allSatisfy(e -> assertThat(e.name()).isEqualTo("chunk"));
		// Each event's id is the answer's length after it. The first may catch up on characters typed
		// before the connection opened; every later one carries exactly one character.
		int length = 0;
		for (SseEvent chunk : chunks) {
			length += HtmlUtils.htmlUnescape(chunk.data()).length();
			assertThat(chunk.id()).isEqualTo(Integer.toString(length));
		}
		assertThat(chunks.subList(1, chunks.size()))
			.allSatisfy(e -> assertThat(HtmlUtils.htmlUnescape(e.data())).hasSize(1));
		assertThat(chunks).hasSizeGreaterThan(expected.length() / 2);
		SseEvent done = events.get(events.size() - 1);
		assertThat(done.name()).isEqualTo("done");

		// Progressive: 33 characters 20 ms apart take about 640 ms; the first comes well before the last.
		long first = chunks.get(0).arrivedNanos() - requested;
		long last = chunks.get(chunks.size() - 1).arrivedNanos() - requested;
		assertThat(Duration.ofNanos(last - first)).isGreaterThan(Duration.ofMillis(400));
		assertThat(first).isLessThan(last / 4);
	}

	@Test
	void multiLineHtmlAndEmojiAreStreamedVerbatimOneCodePointPerEvent() throws Exception {
		String prompt = "<b>bold</b> & 'quotes'\n  two spaces 😀👍🏽";
		String id = chat.send(prompt);
		List<SseEvent> events = chat.readAll(id, null);
		assertThat(text(events)).isEqualTo(echo(prompt));
		List<SseEvent> chunks = events.stream().filter(e -> e.name().equals("chunk")).toList();
		// Escaped HTML, with spaces and line breaks as character references, in every event.
		assertThat(chunks).allSatisfy(e -> assertThat(e.data()).doesNotContain("<", " ", "\n"));
		// After the first (which may catch up), one code point each: no surrogate pair is split.
		assertThat(chunks.subList(1, chunks.size())).allSatisfy(e -> {
			String piece = HtmlUtils.htmlUnescape(e.data());
			assertThat(piece.codePointCount(0, piece.length())).isEqualTo(1);
		});
		Element answer = chat.page().selectFirst("#m-" + id + " .content");
		assertThat(answer.wholeText()).isEqualTo(echo(prompt));
	}

	@Test
	void streamHeaders() throws Exception {
		String id = chat.send("headers");
		HttpResponse<String> response = chat.get("/messages/" + id + "/stream");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
		// Spring Security's headers are there although the response is written after its filters have returned.
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.body()).contains("event:done\ndata:").endsWith("\n\n");
	}

	@Test
	void streamOfAFinishedAnswerIsOnlyTheClosingEvent() throws Exception {
		String id = chat.send("finished");
		chat.readAll(id, null);
		List<SseEvent> again = chat.readAll(id, null);
		assertThat(again).extracting(SseEvent::name).containsExactly("done");
	}

	@Test
	void reconnectWithLastEventIdResumesRightAfterIt() throws Exception {
		String id = chat.send("resume me");
		String expected = echo("resume me");
		StringBuilder firstPart = new StringBuilder();
		String lastEventId = null;
		try (EventStream stream = chat.stream(id, null)) {
			for (int i = 0; i < 5; i++) {
				SseEvent event = stream.next();
				firstPart.append(HtmlUtils.htmlUnescape(event.data()));
				lastEventId = event.id();
			}
		}
		List<SseEvent> rest = chat.readAll(id, lastEventId);
		assertThat(rest.get(0).id()).isNotEqualTo(lastEventId);
		assertThat(firstPart + text(rest)).isEqualTo(expected);
		assertThat(Integer.parseInt(rest.get(0).id()))
			.isEqualTo(Integer.parseInt(lastEventId) + HtmlUtils.htmlUnescape(rest.get(0).data()).length());
		assertThat(rest.get(rest.size() - 1).name()).isEqualTo("done");
		assertThat(rest.get(rest.size() - 2).id()).isEqualTo(Integer.toString(expected.length()));
	}

	@Test
	void clientAheadOfTheAnswerGetsOnlyWhatItLacksOnceTheAnswerGetsThere() throws Exception {
		// As after a resume on an instance that has typed less than the one that stopped.
		String prompt = "an answer the client has partly seen elsewhere";
		String expected = echo(prompt);
		String id = chat.send(prompt);

		List<SseEvent> rest = chat.readAll(id, "30");

		assertThat(text(rest)).isEqualTo(expected.substring(30));
		int length = 30;
		for (SseEvent event : rest.subList(0, rest.size() - 1)) {
			length += HtmlUtils.htmlUnescape(event.data()).length();
			assertThat(event.id()).isEqualTo(Integer.toString(length));
		}
		assertThat(rest.get(rest.size() - 1).name()).isEqualTo("done");
	}

	@Test
	void clientThatDisconnectsMidStreamLeavesTheFullAnswerInTheHistory() throws Exception {
		String id = chat.send("disconnect early");
		try (EventStream stream = chat.stream(id, null)) {
			for (int i = 0; i < 3; i++) {
				assertThat(stream.next().name()).isEqualTo("chunk");
			}
			assertThat(answers.activeStreams()).isPositive();
		}
		// The generation runs on without a listener; the dropped connection is released.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Element answer = chat.page().selectFirst("#m-" + id);
			assertThat(answer.selectFirst(".content").text()).isEqualTo(echo("disconnect early"));
			assertThat(answer.select("button[aria-label='Thumbs up']")).hasSize(1);
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> answers.activeStreams() == 0);
	}

	@Test
	void ofTwentyParallelRatingsOfOneAnswerExactlyOneSucceeds() throws Exception {
		String id = chat.send("rate me");
		chat.readAll(id, null);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Integer>> ratings = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			int value = i % 2;
			ratings.add(() -> {
				start.await();
				return chat.rate(id, value).statusCode();
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<Integer>> results = ratings.stream().map(pool::submit).toList();
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
			assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
		}
		finally {
			pool.shutdownNow();
		}
		Element answer = chat.page().selectFirst("#m-" + id);
		assertThat(answer.select("button[aria-pressed=true]")).hasSize(1);
		assertThat(answer.select("button[disabled]")).hasSize(2);
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		HttpResponse<String> response = chat.get("/");
		assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
			.startsWith("JSESSIONID=")
			.containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax"));
	}

	@Test
	void anotherSessionCannotReadThisAnswersStream() throws Exception {
		String id = chat.send("private");
		HttpChat stranger = new HttpChat(port);
		assertThat(stranger.get("/messages/" + id + "/stream").statusCode()).isEqualTo(404);
		chat.readAll(id, null);
	}

}
