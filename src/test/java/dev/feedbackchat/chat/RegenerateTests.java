package dev.feedbackchat.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import dev.feedbackchat.responder.Responder;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.done;
import static dev.feedbackchat.MockChat.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Regenerate, the switcher between the answers to one prompt, and the conversation continuing from the answer shown.
 */
@ChatWebTest
class RegenerateTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void newBrowser() {
		chat.newBrowser();
	}

	@AfterEach
	void finishAnswers() {
		responder.finishAll();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void regenerateStreamsANewAnswerInPlaceAndKeepsTheFirstReachable(boolean htmx) throws Exception {
		String first = chat.sendOk("hello");
		responder.finishAll("First answer");
		assertThat(regenerateButton(chat.page(), first)).isNotNull();

		ResultActions result = chat.post("/messages/" + first + "/regenerate", htmx);

		String second;
		if (htmx) {
			Document fragment = fragment(result.andExpect(status().isOk()));
			Element answer = fragment.selectFirst("article.message.assistant");
			second = answer.id().substring(2);
			assertThat(second).isNotEqualTo(first);
			assertThat(answer.attr("sse-connect")).isEqualTo("/messages/" + second + "/stream?from=0");
			assertThat(fragment.select("article.message.user")).as("no prompt again").isEmpty();
			assertThat(fragment.selectFirst("fieldset#composer-fields").hasAttr("disabled")).isTrue();
		}
		else {
			result.andExpect(redirectedUrl("/"));
			second = chat.page().selectFirst("article.message.assistant").id().substring(2);
			assertThat(second).isNotEqualTo(first);
		}
		Document streaming = chat.page();
		assertThat(streaming.select("article.message")).hasSize(2);
		assertThat(streaming.selectFirst("#m-" + second).hasAttr("sse-connect")).isTrue();
		assertThat(streaming.select("#m-" + second + " .siblings, #m-" + second + " .regenerate-button"))
			.as("no switcher or Regenerate while it streams").isEmpty();
		MvcResult stream = chat.stream(second);

		responder.finishAll("Second answer");

		// The closing event carries the finished answer with its switcher, as the page shows it.
		Element closed = done(stream).selectFirst("#m-" + second);
		Document page = chat.page();
		assertThat(closed.outerHtml()).isEqualTo(page.selectFirst("#m-" + second).outerHtml());
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("hello");
		assertSwitcher(page, second, "2 / 2", first, null);
		assertThat(regenerateButton(page, second)).isNotNull();
		assertThat(page.selectFirst("#m-" + second + " .content").text()).isEqualTo("Second answer");
		assertThat(page.select("#m-" + first)).as("one answer shown per prompt").isEmpty();

		// The record: the prompt once, two answers to it, the second regenerated from the first.
		assertThat(jdbc.sql("select count(*) from message where role = 'user' and content = 'hello' and conversation_id = "
				+ "(select conversation_id from message where id = ?)").param(UUID.fromString(first)).query(Long.class).single())
			.isEqualTo(1);
		Map<String, Object> row = jdbc.sql("select prompt_id, regenerated_from, content from message where id = ?")
			.param(UUID.fromString(second))
			.query()
			.singleRow();
		assertThat(row.get("regenerated_from")).isEqualTo(UUID.fromString(first));
		assertThat(row.get("content")).isEqualTo("Second answer");
		assertThat(row.get("prompt_id")).isEqualTo(promptOf(first));
	}

	@Test
	void answersPerPromptAreBounded() throws Exception {
		String latest = chat.sendOk("hello");
		responder.finishAll("Answer 1");
		for (int answer = 2; answer <= 10; answer++) {
			latest = regenerated(latest, "Answer " + answer);
		}
		assertThat(chat.page().selectFirst("#m-" + latest + " .siblings").text()).contains("10 / 10");

		refused(chat.post("/messages/" + latest + "/regenerate", true), true, 409,
				"This prompt has 10 answers, the most kept. Continue from one of them.");
		assertThat(chat.page().selectFirst("#m-" + latest + " .siblings").text()).contains("10 / 10");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void switchingShowsAnotherAnswerEachRatedOnItsOwn(boolean htmx) throws Exception {
		String first = chat.sendOk("hello");
		responder.finishAll("First answer");
		String second = regenerated(first, "Second answer");
		chat.session().writes();

		ResultActions result = chat.post("/messages/" + first + "/show", htmx);

		if (htmx) {
			Document fragment = fragment(result.andExpect(status().isOk()));
			assertSwitcher(fragment, first, "1 / 2", null, second);
			assertThat(fragment.selectFirst("#m-" + first + " .content").text()).isEqualTo("First answer");
			assertThat(fragment.selectFirst("#error[hx-swap-oob=true]").text()).isEmpty();
		}
		else {
			result.andExpect(redirectedUrl("/#m-" + first));
		}
		assertThat(chat.session().writes()).as("only the turn is written").singleElement().asString()
			.startsWith("chat.turn.").endsWith(first);
		Document page = chat.page();
		assertSwitcher(page, first, "1 / 2", null, second);
		assertThat(regenerateButton(page, first)).isNotNull();
		// A page writes nothing of the chat (Spring Security keeps the CSRF token it renders).
		assertThat(chat.session().writes()).as("a page writes nothing").allMatch(name -> name.endsWith(".CSRF_TOKEN"));

		// Each answer has its own rating: the one shown, and the other one, not shown, by its id.
		chat.rate(first, "1").andExpect(status().isOk());
		chat.rate(second, "0").andExpect(status().isOk());
		assertThat(rating(first)).isEqualTo(1);
		assertThat(rating(second)).isEqualTo(0);
		assertThat(chat.page().selectFirst("#m-" + first + " button[aria-label='Thumbs up']").attr("aria-pressed"))
			.as("the page still shows the first").isEqualTo("true");
		chat.post("/messages/" + second + "/show", htmx);
		Element shown = chat.page().selectFirst("#m-" + second);
		assertThat(shown.selectFirst("button[aria-label='Thumbs down']").attr("aria-pressed")).isEqualTo("true");
		assertThat(shown.select(".rating button")).allMatch(button -> button.hasAttr("disabled"));
		// Locked: the second rating of the one not shown is refused, the first kept.
		chat.rate(first, "0").andExpect(status().isConflict());
		assertThat(rating(first)).isEqualTo(1);
	}

	@Test
	void theNextPromptContinuesFromTheAnswerShown() throws Exception {
		String first = chat.sendOk("one");
		responder.finishAll("First answer");
		String second = regenerated(first, "Second answer");
		assertThat(responder.lastHistory()).as("regenerated from the same history").isEmpty();

		chat.post("/messages/" + first + "/show", true).andExpect(status().isOk());
		String next = chat.sendOk("two");

		assertThat(responder.lastHistory()).containsExactly(new Responder.Turn("user", "one"),
				new Responder.Turn("assistant", "First answer"));
		responder.finishAll("Third answer");
		assertThat(jdbc.sql("select p.parent_id from message a join message p on p.id = a.prompt_id where a.id = ?")
			.param(UUID.fromString(next))
			.query(UUID.class)
			.single()).isEqualTo(UUID.fromString(first));

		// Regenerating the second turn asks again with the history as it is shown.
		chat.post("/messages/" + first + "/show", true).andExpect(status().isOk());
		chat.post("/messages/" + second + "/show", true).andExpect(status().isOk());
		chat.post("/messages/" + next + "/regenerate", true).andExpect(status().isOk());
		assertThat(responder.lastHistory()).containsExactly(new Responder.Turn("user", "one"),
				new Responder.Turn("assistant", "Second answer"));
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void refusedRegeneratesAndSwitchesChangeNothing(boolean htmx) throws Exception {
		String first = chat.sendOk("one");
		responder.finishAll("First answer");
		String second = regenerated(first, "Second answer");
		String next = chat.sendOk("two");
		chat.session().writes();
		long messages = messages();

		refused(chat.post("/messages/" + next + "/regenerate", htmx), htmx, 409,
				"Please wait until the current answer is complete.");
		refused(chat.post("/messages/" + second + "/regenerate", htmx), htmx, 409,
				"Only the latest answer can be regenerated.");
		refused(chat.post("/messages/" + UUID.randomUUID() + "/regenerate", htmx), htmx, 404,
				"This message is not in your conversation.");
		refused(chat.post("/messages/" + UUID.randomUUID() + "/show", htmx), htmx, 404,
				"This message is not in your conversation.");
		responder.finishAll();
		refused(chat.post("/messages/" + second + "/regenerate", htmx), htmx, 409,
				"Only the latest answer can be regenerated.");
		refused(chat.post("/messages/" + first + "/regenerate", htmx), htmx, 409,
				"Only the latest answer can be regenerated.");
		chat.post("/messages/" + next + "/regenerate", htmx);
		String generating = chat.page().selectFirst("article.message.assistant[sse-connect]").id().substring(2);
		chat.session().writes();
		refused(chat.post("/messages/" + next + "/show", htmx), htmx, 409,
				"Please wait until the current answer is complete.");

		assertThat(chat.session().writes()).as("nothing saved changes").isEmpty();
		assertThat(messages()).isEqualTo(messages + 2);
		responder.finishAll();
		assertThat(chat.page().select("#m-" + generating + " .sibling-place").text()).isEqualTo("2 / 2");
		// Another browser's answers are not found.
		chat.newBrowser();
		refused(chat.post("/messages/" + first + "/show", htmx), htmx, 404, "This message is not in your conversation.");
	}

	@Test
	void aFailedAnswerOffersRetryNotRegenerate() throws Exception {
		String first = chat.sendOk("one");
		responder.finishAll("First answer");
		chat.post("/messages/" + first + "/regenerate", true).andExpect(status().isOk());
		responder.failAll("The model server did not answer.");
		Element failed = chat.page().selectFirst("article.message.assistant");
		String id = failed.id().substring(2);
		assertThat(failed.select("button.retry-button")).hasSize(1);
		assertThat(failed.select(".regenerate-button")).isEmpty();
		assertSwitcher(chat.page(), id, "2 / 2", first, null);
		refused(chat.post("/messages/" + id + "/regenerate", true), true, 409, "A failed answer is retried, not regenerated.");

		chat.post("/messages/" + id + "/retry", true).andExpect(status().isOk());
		responder.finishAll("Retried");
		assertSwitcher(chat.page(), id, "2 / 2", first, null);
		assertThat(chat.page().selectFirst("#m-" + id + " .content").text()).isEqualTo("Retried");
	}

	/** Regenerates {@code answerId} and finishes the new answer with {@code text}; returns its id. */
	private String regenerated(String answerId, String text) throws Exception {
		Document fragment = fragment(chat.post("/messages/" + answerId + "/regenerate", true).andExpect(status().isOk()));
		responder.finishAll(text);
		return fragment.selectFirst("article.message.assistant").id().substring(2);
	}

	private static void refused(ResultActions result, boolean htmx, int status, String message) throws Exception {
		result.andExpect(status().is(status));
		assertThat(alert(result)).isEqualTo(message);
		if (htmx) {
			result.andExpect(header().string("HX-Retarget", "#error"));
		}
	}

	private static void assertSwitcher(Document page, String id, String place, String previous, String next) {
		Element switcher = page.selectFirst("#m-" + id + " .siblings");
		assertThat(switcher).as("switcher of %s", id).isNotNull();
		assertThat(switcher.selectFirst(".sibling-place").text()).isEqualTo(place);
		assertButton(switcher.selectFirst("button[aria-label='Previous answer']"), previous);
		assertButton(switcher.selectFirst("button[aria-label='Next answer']"), next);
		assertThat(switcher.attr("hx-target")).isEqualTo("#m-" + id);
	}

	private static void assertButton(Element button, String target) {
		assertThat(button).isNotNull();
		if (target == null) {
			assertThat(button.hasAttr("disabled")).isTrue();
			assertThat(button.hasAttr("hx-post")).isFalse();
		}
		else {
			assertThat(button.hasAttr("disabled")).isFalse();
			assertThat(button.attr("hx-post")).isEqualTo("/messages/" + target + "/show");
			// Without JavaScript: a button of the page's form that holds the CSRF token.
			assertThat(button.attr("form")).isEqualTo("post");
			assertThat(button.attr("formaction")).isEqualTo("/messages/" + target + "/show");
		}
	}

	private static Element regenerateButton(Document page, String id) {
		Element button = page.selectFirst("#m-" + id + " button[aria-label=Regenerate]");
		if (button != null) {
			assertThat(button.attr("form")).isEqualTo("post");
			assertThat(button.attr("formaction")).isEqualTo("/messages/" + id + "/regenerate");
			assertThat(button.attr("hx-post")).isEqualTo("/messages/" + id + "/regenerate");
			assertThat(button.attr("hx-target")).isEqualTo("#m-" + id);
		}
		return button;
	}

	private UUID promptOf(String answerId) {
		return jdbc.sql("select prompt_id from message where id = ?").param(UUID.fromString(answerId)).query(UUID.class).single();
	}

	private Integer rating(String answerId) {
		List<Integer> ratings = jdbc.sql("select rating from feedback where message_id = ?")
			.param(UUID.fromString(answerId))
			.query(Integer.class)
			.list();
		return ratings.isEmpty() ? null : ratings.get(0);
	}

	private long messages() {
		return jdbc.sql("select count(*) from message").query(Long.class).single();
	}

}
