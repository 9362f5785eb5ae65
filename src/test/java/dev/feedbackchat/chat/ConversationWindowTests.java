package dev.feedbackchat.chat;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The page shows the latest messages and loads earlier ones on demand, with and without htmx. */
@ChatWebTest
@TestPropertySource(properties = "chat.history.page-size=4")
class ConversationWindowTests {

	@Autowired
	MockMvc mvc;

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
	void pageShowsTheLatestMessagesAndALinkToTheEarlierOnes() throws Exception {
		Document page = chat.page();
		assertThat(page.select("article.message")).hasSize(4);
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("turn 4", "turn 5");
		Element link = page.selectFirst("#messages .earlier a");
		assertThat(link.text()).isEqualTo("Show earlier messages (6)");
		assertThat(link.attr("href")).isEqualTo("/?show=8");
		String firstShown = page.selectFirst("article.message").id().substring(2);
		assertThat(link.attr("hx-get")).isEqualTo("/messages?before=" + firstShown);
		// The link comes first, before the oldest message shown.
		assertThat(page.selectFirst("#messages > .earlier + article.message").id()).isEqualTo("m-" + firstShown);
	}

	@Test
	void eachEarlierWindowComesWithTheLinkToTheOneBeforeItUntilTheFirstMessage() throws Exception {
		Document windowBefore = earlier(chat.page());
		assertThat(windowBefore.select("article.message.user .content").eachText()).containsExactly("turn 2", "turn 3");
		assertThat(windowBefore.selectFirst(".earlier a").text()).isEqualTo("Show earlier messages (2)");
		assertThat(windowBefore.selectFirst(".earlier a").attr("href")).isEqualTo("/?show=12");
		// Earlier answers keep their rating buttons.
		assertThat(windowBefore.select("article.message.assistant button[aria-label='Thumbs up']")).hasSize(2);

		Document first = earlier(windowBefore);
		assertThat(first.select("article.message.user .content").eachText()).containsExactly("turn 1");
		assertThat(first.select(".earlier")).isEmpty();
	}

	@Test
	void withoutJavaScriptTheLinkReloadsThePageWithMoreMessages() throws Exception {
		Document page = Jsoup.parse(mvc.perform(get("/").param("show", "8").session(chat.session()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("turn 2", "turn 3", "turn 4", "turn 5");
		assertThat(page.selectFirst(".earlier a").attr("href")).isEqualTo("/?show=12");
		mvc.perform(get("/messages").param("before", "x").session(chat.session())).andExpect(redirectedUrl("/"));
	}

	@Test
	void badWindowRequestsAreRefusedWithAMessage() throws Exception {
		for (String show : new String[] { "0", "-3", "many" }) {
			String html = mvc.perform(get("/").param("show", show).session(chat.session()))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(Jsoup.parse(html).selectFirst(".alert").text()).contains("'show'");
		}
		mvc.perform(get("/messages").param("before", "6a1e4c8e-0000-4000-8000-000000000000")
			.session(chat.session())
			.header("HX-Request", "true")).andExpect(status().isNotFound());
		mvc.perform(get("/messages").param("before", "not-an-id").session(chat.session()).header("HX-Request", "true"))
			.andExpect(status().isBadRequest());
		assertThat(chat.page().select("article.message")).hasSize(4);
	}

	private Document earlier(Document shown) throws Exception {
		return Jsoup.parseBodyFragment(mvc.perform(get(shown.selectFirst(".earlier a").attr("hx-get")).session(chat.session())
			.header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

}
