package dev.feedbackchat.responder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.responder.FakeOpenAiServer.Reply;
import dev.feedbackchat.responder.FakeOpenAiServer.Request;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

import static dev.feedbackchat.responder.AnswerChecks.THUMBS_UP;
import static dev.feedbackchat.responder.AnswerChecks.assertFailed;
import static dev.feedbackchat.responder.AnswerChecks.assertRetryCompletes;
import static dev.feedbackchat.responder.AnswerChecks.finishedAnswer;
import static dev.feedbackchat.responder.FakeOpenAiServer.chunk;
import static dev.feedbackchat.responder.FakeOpenAiServer.chunks;
import static dev.feedbackchat.responder.FakeOpenAiServer.error;
import static dev.feedbackchat.responder.FakeOpenAiServer.events;
import static dev.feedbackchat.responder.FakeOpenAiServer.silence;
import static dev.feedbackchat.responder.FakeOpenAiServer.stallAfter;
import static dev.feedbackchat.responder.FakeOpenAiServer.untilClientGoesAway;
import static dev.feedbackchat.HttpChat.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app with {@code chat.responder=openai} on a random port, over real HTTP, against a
 * {@link FakeOpenAiServer} on the loopback: what the model server is sent, and what the user sees of each
 * way its answer can go.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.responder=openai", "chat.openai.api-key=test-key", "chat.openai.model=test-model",
				"chat.openai.request-timeout=2s", "chat.openai.history-budget=" + OpenAiResponderIntegrationTests.HISTORY_BUDGET })
class OpenAiResponderIntegrationTests {

	static final int HISTORY_BUDGET = 100;

	static final FakeOpenAiServer openAi = FakeOpenAiServer.start();

	@DynamicPropertySource
	static void modelServer(DynamicPropertyRegistry registry) {
		registry.add("chat.openai.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stopModelServer() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpChat chat;

	@BeforeEach
	void newBrowserAndScript() {
		openAi.reset();
		chat = new HttpChat(port);
	}

	record StoredAnswer(String content, String responder, String model, Long firstTokenMillis, String status) {
	}

	Optional<StoredAnswer> stored(String id) {
		return jdbc.sql("select content, responder, model, first_token_ms, status from message where id = :id")
			.param("id", UUID.fromString(id))
			.query((rs, n) -> new StoredAnswer(rs.getString("content"), rs.getString("responder"), rs.getString("model"),
					rs.getObject("first_token_ms", Long.class), rs.getString("status")))
			.optional();
	}

	static Map<String, String> message(String role, String content) {
		return Map.of("role", role, "content", content);
	}

	// ---- streaming and what the model server is sent

	@Test
	void tokensArriveInOrderAsTheModelSendsThemAndTheFinishedAnswerIsRenderedAsMarkdown() throws Exception {
		openAi.script(chunks(Duration.ofMillis(100), "The ", "answer ", "is ", "**bold**", "."));

		String id = chat.send("Say something bold");
		List<SseEvent> events = chat.readAll(id, null);

		List<SseEvent> chunks = events.subList(0, events.size() - 1);
		assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
		assertThat(chunks).allSatisfy(e -> assertThat(e.name()).isEqualTo("chunk"));
		assertThat(text(chunks)).isEqualTo("The answer is **bold**.");
		// Each event's id is the answer's length after it, so the pieces came in order.
		int length = 0;
		for (SseEvent chunk : chunks) {
			length += HtmlUtils.htmlUnescape(chunk.data()).length();
			assertThat(chunk.id()).isEqualTo(Integer.toString(length));
		}
		// Progressive: five pieces 100 ms apart; the first is on the page about 400 ms before the last.
		assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
		Duration firstToLast = Duration.ofNanos(chunks.get(chunks.size() - 1).arrivedNanos() - chunks.get(0).arrivedNanos());
		assertThat(firstToLast).isGreaterThan(Duration.ofMillis(250));

		Element answer = chat.page().selectFirst("#m-" + id);
		Element content = answer.selectFirst(".content");
		assertThat(content.hasClass("markdown")).isTrue();
		assertThat(content.select("strong")).extracting(Element::text).containsExactly("bold");
		assertThat(content.text()).isEqualTo("The answer is bold.");
		assertThat(answer.select(THUMBS_UP)).hasSize(1);
		assertThat(answer.select(".alert, .note, button.retry-button, form.stop")).isEmpty();

		assertThat(openAi.requests()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/chat/completions");
			assertThat(request.header("Authorization")).isEqualTo("Bearer test-key");
			assertThat(request.header("Content-Type")).startsWith("application/json");
			assertThat(request.header("Accept")).contains("text/event-stream");
			assertThat(request.body().path("model").asString()).isEqualTo("test-model");
			assertThat(request.body().path("stream").isBoolean()).isTrue();
			assertThat(request.body().path("stream").asBoolean()).isTrue();
			assertThat(request.messages()).containsExactly(message("user", "Say something bold"));
			assertThat(request.body().has("temperature")).isFalse();
			assertThat(request.body().has("max_tokens")).isFalse();
		});
	}

	@Test
	void theAnswerIsRecordedWithTheResponderTheModelAndTheTimeToItsFirstToken() throws Exception {
		openAi.script(chunks(Duration.ofMillis(100), "Timed ", "answer."));

		String id = chat.send("How fast?");
		finishedAnswer(chat, id);

		assertThat(stored(id)).hasValueSatisfying(answer -> {
			assertThat(answer.content()).isEqualTo("Timed answer.");
			assertThat(answer.responder()).isEqualTo("openai");
			assertThat(answer.model()).isEqualTo("test-model");
			assertThat(answer.status()).isEqualTo("complete");
			// The fake waits 100 ms before the first piece.
			assertThat(answer.firstTokenMillis()).isNotNull().isBetween(100L, 2_000L);
		});
	}

	@Test
	void theSecondPromptIsSentAfterTheFirstPromptAndItsAnswer() throws Exception {
		openAi.script(chunks(Duration.ZERO, "First ", "answer."), chunks(Duration.ZERO, "Second answer."));

		finishedAnswer(chat, chat.send("First question"));
		finishedAnswer(chat, chat.send("Second question"));

		List<Request> requests = openAi.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).messages()).containsExactly(message("user", "First question"));
		assertThat(requests.get(1).messages()).containsExactly(message("user", "First question"),
				message("assistant", "First answer."), message("user", "Second question"));
	}

	@Test
	void regenerateAsksAgainWithTheSameHistoryAndTheNextPromptContinuesFromTheAnswerShown() throws Exception {
		openAi.script(chunks(Duration.ZERO, "One."), chunks(Duration.ZERO, "Two."), chunks(Duration.ZERO, "Again."),
				chunks(Duration.ZERO, "Three."));
		finishedAnswer(chat, chat.send("First question"));
		String two = finishedAnswer(chat, chat.send("Second question")).id().substring("m-".length());

		HttpResponse<String> regenerated = chat.post("/messages/" + two + "/regenerate", Map.of());
		assertThat(regenerated.statusCode()).isEqualTo(200);
		String again = Jsoup.parseBodyFragment(regenerated.body()).selectFirst("article.message.assistant").id()
			.substring("m-".length());
		Element shown = finishedAnswer(chat, again);
		assertThat(shown.selectFirst(".content").text()).isEqualTo("Again.");
		assertThat(shown.selectFirst(".sibling-place").text()).isEqualTo("2 / 2");
		assertThat(chat.post("/messages/" + two + "/show", Map.of()).statusCode()).isEqualTo(200);
		finishedAnswer(chat, chat.send("Third question"));

		List<Request> requests = openAi.requests();
		assertThat(requests).hasSize(4);
		assertThat(requests.get(2).messages()).as("asked again").isEqualTo(requests.get(1).messages());
		assertThat(requests.get(3).messages()).containsExactly(message("user", "First question"),
				message("assistant", "One."), message("user", "Second question"), message("assistant", "Two."),
				message("user", "Third question"));
	}

	@Test
	void historyLongerThanTheBudgetLosesItsOldestMessagesFirst() throws Exception {
		// Four earlier messages of 30 characters: 120 > 100, so the oldest one is left out.
		String prompt1 = "p1:" + "a".repeat(27);
		String answer1 = "a1:" + "b".repeat(27);
		String prompt2 = "p2:" + "c".repeat(27);
		String answer2 = "a2:" + "d".repeat(27);
		String prompt3 = "p3: and now?";
		openAi.script(chunks(Duration.ZERO, answer1), chunks(Duration.ZERO, answer2), chunks(Duration.ZERO, "Done."));

		finishedAnswer(chat, chat.send(prompt1));
		finishedAnswer(chat, chat.send(prompt2));
		finishedAnswer(chat, chat.send(prompt3));

		List<Map<String, String>> messages = openAi.requests().get(2).messages();
		assertThat(messages).containsExactly(message("assistant", answer1), message("user", prompt2),
				message("assistant", answer2), message("user", prompt3));
		int historyCharacters = messages.subList(0, messages.size() - 1)
			.stream()
			.mapToInt(m -> m.get("content").length())
			.sum();
		assertThat(historyCharacters).isLessThanOrEqualTo(HISTORY_BUDGET);
		// The second request still had room for the whole first turn.
		assertThat(openAi.requests().get(1).messages()).containsExactly(message("user", prompt1),
				message("assistant", answer1), message("user", prompt2));
	}

	// ---- failures: shown in the answer, partial text kept, Retry instead of rating

	static Stream<Arguments> failures() {
		return Stream.of(
				failure("server error", error(500, "The server had an error while processing your request."),
						"The model server answered 500", ""),
				failure("no answer", silence(), "The model server did not answer within 2 seconds.", ""),
				failure("stall", stallAfter("Half ", "an answer"), "The model server did not answer within 2 seconds.",
						"Half an answer"),
				// [DONE] follows the bad chunk: skipping it instead of failing would complete the answer.
				failure("malformed chunk",
						events(Duration.ofMillis(20), chunk("Partial "), chunk("answer"), "{\"choices\": [ oops", "[DONE]"),
						"The model server sent a malformed stream.", "Partial answer"),
				failure("no [DONE]", events(Duration.ZERO, chunk("Cut "), chunk("off")),
						"The model server closed the stream before the answer was complete.", "Cut off"),
				failure("error event",
						events(Duration.ZERO, chunk("Some "),
								"{\"error\": {\"message\": \"The model is overloaded.\", \"type\": \"server_error\"}}"),
						"The model server reported an error: The model is overloaded.", "Some"));
	}

	private static Arguments failure(String name, Reply reply, String error, String partialText) {
		return Arguments.of(Named.of(name, reply), error, partialText);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failure(Reply reply, String error, String partialText) throws Exception {
		openAi.script(reply);

		String id = chat.send("Fail please");
		Element answer = finishedAnswer(chat, id);

		assertFailed(answer, error, partialText);
		assertThat(answer.selectFirst(".alert").text()).doesNotContain("test-key");
		// Recorded as failed (any instance can show how it ended), and replaced by the retry.
		assertThat(stored(id)).hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo("failed"));
		assertRetryCompletes(chat, openAi, id);
		assertThat(stored(id)).hasValueSatisfying(stored -> {
			assertThat(stored.content()).isEqualTo("Recovered **answer**.");
			assertThat(stored.status()).isEqualTo("complete");
		});
	}

	// ---- stop

	@Test
	void stopClosesTheUpstreamConnectionAndKeepsThePartialAnswerWhichCanBeRated() throws Exception {
		openAi.script(untilClientGoesAway(Duration.ofMillis(100), "tick "));

		String id = chat.send("Count forever");
		List<SseEvent> events = new ArrayList<>();
		try (EventStream stream = chat.stream(id, null)) {
			for (int i = 0; i < 2; i++) {
				events.add(stream.next());
			}
			assertThat(events).extracting(SseEvent::name).containsOnly("chunk");

			HttpResponse<String> stopped = chat.post("/messages/" + id + "/stop", Map.of());
			assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(204);

			events.addAll(stream.rest());
		}
		assertThat(events.get(events.size() - 1).name()).isEqualTo("done");
		await().atMost(Duration.ofSeconds(5)).until(() -> openAi.clientsGone() == 1);

		String streamed = text(events.subList(0, events.size() - 1));
		assertThat(streamed).startsWith("tick tick ");
		Element answer = chat.page().selectFirst("#m-" + id);
		String shown = answer.selectFirst(".content").text();
		assertThat(shown).startsWith(streamed.strip()).matches("(tick ?)+");
		assertThat(answer.selectFirst(".note").text()).isEqualTo("Stopped");
		assertThat(answer.select(".alert, button.retry-button, form.stop")).isEmpty();
		assertThat(answer.select(THUMBS_UP)).hasSize(1);
		assertThat(stored(id)).hasValueSatisfying(stored -> {
			assertThat(stored.status()).isEqualTo("stopped");
			assertThat(stored.content().strip()).isEqualTo(shown);
		});

		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(200);
		assertThat(chat.page().selectFirst("#m-" + id + " " + THUMBS_UP).attr("aria-pressed")).isEqualTo("true");
		// Nothing arrives after the stop: one request, and the answer as it was.
		assertThat(openAi.requests()).hasSize(1);
		assertThat(chat.page().selectFirst("#m-" + id + " .content").text()).isEqualTo(shown);
	}

	// ---- untrusted model output

	@Test
	void aHostileAnswerIsRenderedInert() throws Exception {
		String hostile = "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
				+ "<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">click</a> [ok](https://example.com/)";
		openAi.script(chunks(Duration.ofMillis(10), hostile.split("(?<=\n)")));

		String id = chat.send("Be nasty");
		List<SseEvent> events = chat.readAll(id, null);
		assertThat(events).filteredOn(e -> e.name().equals("chunk"))
			.allSatisfy(e -> assertThat(e.data()).doesNotContain("<"));

		Element messages = chat.page().selectFirst("#messages");
		Element answer = messages.selectFirst("#m-" + id);
		assertThat(answer.selectFirst(".content").hasClass("markdown")).isTrue();
		assertThat(messages.select("script")).isEmpty();
		assertThat(messages.select("img")).isEmpty();
		assertThat(messages.select("[href]")).allSatisfy(
				link -> assertThat(link.attr("href").strip().toLowerCase()).doesNotStartWith("javascript:"));
		assertThat(messages.getAllElements()).allSatisfy(element -> assertThat(element.attributes().asList())
			.extracting(Attribute::getKey)
			.noneMatch(name -> name.toLowerCase().startsWith("on")));
		// Shown as text rather than dropped, and the safe link survives.
		assertThat(answer.selectFirst(".content").text()).contains("<script>alert(1)</script>",
				"<img src=x onerror=alert(1)>");
		assertThat(answer.select(".content a[href='https://example.com/']")).hasSize(1);
	}

}
