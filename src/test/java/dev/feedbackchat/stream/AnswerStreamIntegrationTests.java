package dev.feedbackchat.stream;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
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
		assertThat(done.data()).as("several data lines").contains("\n");

		// The done event carries the finished message, swapped in place of the streaming one, rating buttons
		// included (no request for it), and the composer enabled again, out of band. Rendered off the request:
		// no CSRF token in it, its buttons post through the page's hidden form.
		Element answer = HttpChat.finished(events);
		assertThat(answer.id()).isEqualTo("m-" + id);
		assertThat(answer.hasAttr("sse-connect")).isFalse();
		assertThat(answer.selectFirst(".content").wholeText()).isEqualTo(expected);
		assertThat(answer.select("button[aria-label='Thumbs up'], button[aria-label='Thumbs down']")).hasSize(2)
			.allSatisfy(button -> {
				assertThat(button.attr("aria-pressed")).isEqualTo("false");
				assertThat(button.hasAttr("disabled")).isFalse();
				assertThat(button.attr("form")).isEqualTo("post");
				assertThat(button.attr("formaction")).isEqualTo("/messages/" + id + "/feedback");
				assertThat(button.attr("hx-post")).isEqualTo("/messages/" + id + "/feedback");
			});
		Element composer = HttpChat.closing(events).selectFirst("fieldset#composer-fields");
		assertThat(composer.attr("hx-swap-oob")).isEqualTo("true");
		assertThat(composer.hasAttr("disabled")).isFalse();
		assertThat(done.data()).doesNotContain("_csrf");

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
		// Over several data lines, the finished message keeps the line break and the two spaces.
		assertThat(HttpChat.finished(events).selectFirst(".content").wholeText()).isEqualTo(echo(prompt));
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
		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(200);
		List<SseEvent> again = chat.readAll(id, null);
		assertThat(again).extracting(SseEvent::name).containsExactly("done");
		// With the message as it is now: rated, Thumbs up pressed, both locked.
		Element answer = HttpChat.finished(again);
		assertThat(answer.selectFirst(".content").text()).isEqualTo(echo("finished"));
		assertThat(answer.select("button[aria-label='Thumbs up'][aria-pressed=true][disabled]")).hasSize(1);
		assertThat(answer.select("button[aria-label='Thumbs down'][aria-pressed=false][disabled]")).hasSize(1);
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
		// One more is refused the same way: the widget as recorded, locked, and the reason in the error region.
		HttpResponse<String> refused = chat.rate(id, 0);
		assertThat(refused.statusCode()).isEqualTo(409);
		Element body = Jsoup.parseBodyFragment(refused.body()).body();
		Element widget = body.selectFirst("#feedback-" + id);
		assertThat(widget.select("button[aria-pressed=true]")).hasSize(1);
		assertThat(widget.select("button[disabled]")).hasSize(2);
		assertThat(body.selectFirst("#error[hx-swap-oob] .alert").text()).isEqualTo("This answer has already been rated.");
		Element answer = chat.page().selectFirst("#m-" + id);
		assertThat(answer.select("button[aria-pressed=true]")).hasSize(1);
		assertThat(answer.select("button[disabled]")).hasSize(2);
	}

	@Test
	void withoutJavaScriptThePagesFormsSendAPromptThenRateAndCommentTheAnswer() throws Exception {
		Document page = chat.page();
		HttpResponse<String> sent = chat.press(page, page.selectFirst("#composer button[type=submit]"),
				Map.of("prompt", "no script"));
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/"));

		// While it streams, the page reloads itself (a refresh inside noscript); then the answer has its buttons.
		Document streaming = chat.page();
		assertThat(streaming.select("noscript meta[http-equiv=refresh]")).hasSize(1);
		String id = streaming.selectFirst("#messages article.message.assistant").id().substring("m-".length());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> chat.page().select("#m-" + id + " button[aria-label='Thumbs up']").size() == 1);
		Document finished = chat.page();
		assertThat(finished.select("noscript meta[http-equiv=refresh]")).isEmpty();

		// The rating buttons submit the page's hidden form "post", which holds the token, to their formaction.
		Element thumbsUp = finished.selectFirst("#m-" + id + " button[aria-label='Thumbs up']");
		assertThat(thumbsUp.attr("form")).isEqualTo("post");
		assertThat(finished.select("form#post input[name=_csrf]")).hasSize(1);
		HttpResponse<String> rated = chat.press(finished, thumbsUp, Map.of());
		assertThat(rated.statusCode()).isEqualTo(302);
		assertThat(rated.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/#m-" + id));

		// The comment box belongs to its own hidden form, which the page now has.
		Document ratedPage = chat.page();
		Element answer = ratedPage.selectFirst("#m-" + id);
		assertThat(answer.select("button[aria-label='Thumbs up'][aria-pressed=true][disabled]")).hasSize(1);
		assertThat(answer.select("button[aria-label='Thumbs down'][disabled]")).hasSize(1);
		Element box = answer.selectFirst("textarea[name=comment]");
		assertThat(box.attr("form")).isEqualTo("comment-form-" + id);
		assertThat(ratedPage.select("form#comment-form-" + id + "[method=post] input[name=_csrf]")).hasSize(1);
		HttpResponse<String> commented = chat.press(ratedPage, answer.selectFirst("button.send-comment"),
				Map.of("comment", "Fine without scripts"));
		assertThat(commented.statusCode()).isEqualTo(302);

		Element after = chat.page().selectFirst("#m-" + id);
		assertThat(after.selectFirst(".comment-text").text()).isEqualTo("Fine without scripts");
		assertThat(after.select("textarea[name=comment]")).isEmpty();
		assertThat(after.select(".reasons-sent")).as("no reason chosen, none sent").isEmpty();
		assertThat(after.select("button[aria-label='Thumbs up'][aria-pressed=true][disabled]")).hasSize(1);
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
