package dev.feedbackchat.chat;

import java.util.ArrayList;
import java.util.List;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.body;
import static dev.feedbackchat.MockChat.done;
import static dev.feedbackchat.MockChat.htmx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The page shows the latest messages and loads earlier ones on demand, with and without htmx; reading writes nothing. */
@ChatWebTest
@TestPropertySource(properties = "chat.history.page-size=4")
class ConversationWindowTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@BeforeEach
	void fiveTurns() throws Exception {
		chat.newBrowser();
		for (int turn = 1; turn <= 5; turn++) {
			chat.sendOk("turn " + turn);
			responder.finishAll();
		}
	}

	@Test
	void page() throws Exception {
		Document page = chat.page();
		assertThat(page.select("article.message")).hasSize(4);
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("turn 4", "turn 5");
		Element link = page.selectFirst("#messages .earlier a");
		assertThat(link.text()).isEqualTo("Show earlier messages (6)");
		assertThat(link.attr("href")).isEqualTo("/?show=8");
		// Windows are whole turns: "before" names the answer of the first turn shown.
		String firstAnswer = page.selectFirst("article.message.assistant").id().substring(2);
		assertThat(link.attr("hx-get")).isEqualTo("/messages?before=" + firstAnswer);
		// The link comes first, before the oldest message shown.
		assertThat(page.selectFirst("#messages > .earlier + article.message.user .content").text()).isEqualTo("turn 4");
	}

	@Test
	void earlierWindows() throws Exception {
		Document before = earlier(chat.page());
		assertThat(before.select("article.message.user .content").eachText()).containsExactly("turn 2", "turn 3");
		assertThat(before.selectFirst(".earlier a").text()).isEqualTo("Show earlier messages (2)");
		assertThat(before.selectFirst(".earlier a").attr("href")).isEqualTo("/?show=12");
		// Earlier answers keep their rating buttons.
		assertThat(before.select("article.message.assistant button[aria-label='Thumbs up']:not([disabled])")).hasSize(2);
		assertThat(body(chat.perform(htmx(get(chat.page().selectFirst(".earlier a").attr("hx-get")), true))))
			.doesNotContain("_csrf");

		Document first = earlier(before);
		assertThat(first.select("article.message.user .content").eachText()).containsExactly("turn 1");
		assertThat(first.select(".earlier")).isEmpty();
	}

	@Test
	void withoutJavaScript() throws Exception {
		Document page = Jsoup.parse(body(chat.perform(get("/").param("show", "8")).andExpect(status().isOk())));
		assertThat(page.select("article.message.user .content").eachText())
			.containsExactly("turn 2", "turn 3", "turn 4", "turn 5");
		assertThat(page.selectFirst(".earlier a").attr("href")).isEqualTo("/?show=12");
		chat.perform(get("/messages").param("before", "x")).andExpect(redirectedUrl("/"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-3", "many" })
	void badShow(String show) throws Exception {
		assertThat(alert(chat.perform(get("/").param("show", show)).andExpect(status().isBadRequest()))).contains("'show'");
	}

	@Test
	void badBefore() throws Exception {
		assertThat(alert(chat.perform(htmx(get("/messages").param("before", "6a1e4c8e-0000-4000-8000-000000000000"), true))
			.andExpect(status().isNotFound()))).isEqualTo("This message is not in your conversation.");
		chat.perform(htmx(get("/messages").param("before", "not-an-id"), true)).andExpect(status().isBadRequest());
		assertThat(chat.page().select("article.message")).hasSize(4);
	}

	@Test
	void readsWriteNothing() throws Exception {
		// The turns ended after their requests: the session still holds them as generating.
		chat.session().writes();
		Document page = chat.page();
		// Only Spring Security's CSRF token, once per session, for the page's forms.
		assertThat(chat.session().writes()).allMatch(name -> name.endsWith(".CSRF_TOKEN"));

		List<String> answers = new ArrayList<>(chat.page().select("article.message.assistant").eachAttr("id"));
		for (Document window = page; !window.select(".earlier").isEmpty();) {
			window = earlier(window);
			answers.addAll(window.select("article.message.assistant").eachAttr("id"));
		}
		chat.perform(get("/").param("show", "10")).andExpect(status().isOk());
		for (String answer : answers) {
			assertThat(done(chat.stream(answer.substring(2))).select(".rating button")).hasSize(2);
		}
		assertThat(answers).hasSize(5);
		assertThat(chat.session().writes()).isEmpty();

		String live = chat.sendOk("turn 6");
		// A prompt writes its turn (and the previous one, which it found ended).
		assertThat(chat.session().writes()).allMatch(name -> name.startsWith("chat.turn."))
			.anyMatch(name -> name.endsWith("." + live));
		MvcResult stream = chat.stream(live);
		chat.page();
		responder.finishAll();
		assertThat(done(stream).select(".rating button")).hasSize(2);
		chat.page();
		assertThat(chat.session().writes()).isEmpty();
	}

	@Test
	void streamOfAnAnswerGeneratedHereForThisSessionReadsNoTurn() throws Exception {
		String live = chat.sendOk("hello");
		chat.session().reads();

		MvcResult stream = chat.stream(live);
		responder.finishAll();

		assertThat(done(stream).select(".rating button")).hasSize(2);
		assertThat(chat.session().reads()).as("conversation read by the stream").isEmpty();
		// Once finished, the answer's stream is its closing event as the session shows the message now.
		assertThat(done(chat.stream(live)).select(".rating button")).hasSize(2);
		assertThat(chat.session().reads()).contains("chat.conversation");
	}

	private Document earlier(Document shown) throws Exception {
		return Jsoup.parseBodyFragment(body(chat.perform(htmx(get(shown.selectFirst(".earlier a").attr("hx-get")), true))
			.andExpect(status().isOk())));
	}

}
