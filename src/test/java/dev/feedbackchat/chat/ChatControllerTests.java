package dev.feedbackchat.chat;

import java.util.List;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ChatWebTest
@TestPropertySource(properties = { "chat.prompt.max-length=50", "chat.history.max-messages=6" })
class ChatControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@Test
	void pageShowsAnEmptyChatWithPromptBoxSendAndNewChat() throws Exception {
		Document page = chat.page();
		assertThat(page.select("article.message")).isEmpty();
		Element prompt = page.selectFirst("form#composer textarea[name=prompt]");
		assertThat(prompt.attr("placeholder")).isEqualTo("Say something");
		assertThat(prompt.hasAttr("disabled")).isFalse();
		assertThat(page.select("form#composer button[aria-label=Send]")).hasSize(1);
		assertThat(page.select("button:containsOwn(New chat)")).hasSize(1);
		// Works without JavaScript: real method and action beside the hx- attributes, with the CSRF field.
		Element form = page.selectFirst("form#composer");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/messages");
		assertThat(form.attr("hx-post")).isEqualTo("/messages");
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(form.attr("hx-headers")).contains("X-CSRF-TOKEN");
	}

	@Test
	void pageIsServedWithAContentSecurityPolicyWithoutInlineScripts() throws Exception {
		mvc.perform(get("/"))
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self';")));
		Document page = chat.page();
		assertThat(page.select("script:not([src])")).isEmpty();
		assertThat(page.select("[style]")).isEmpty();
		assertThat(page.select("script[src]").eachAttr("src")).allMatch(src -> src.startsWith("/"));
	}

	@Test
	void sendingAPromptReturnsTheUserMessageAndAStreamingAnswerAndLocksThePromptBox() throws Exception {
		chat.newBrowser();
		String html = chat.send("Hi <b>there</b>").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("Hi &lt;b&gt;there&lt;/b&gt;").doesNotContain("<b>");
		Document fragment = Jsoup.parseBodyFragment(html);
		Element user = fragment.selectFirst("article.message.user");
		assertThat(user.selectFirst(".role").text()).isEqualTo("user");
		assertThat(user.selectFirst(".content").text()).isEqualTo("Hi <b>there</b>");
		Element answer = fragment.selectFirst("article.message.assistant");
		String id = answer.id().substring(2);
		assertThat(answer.attr("sse-connect")).isEqualTo("/messages/" + id + "/stream?from=0");
		assertThat(answer.attr("sse-close")).isEqualTo("done");
		assertThat(answer.attr("hx-trigger")).isEqualTo("sse:done");
		assertThat(answer.selectFirst(".content").attr("sse-swap")).isEqualTo("chunk");
		assertThat(answer.selectFirst(".content").attr("aria-live")).isEqualTo("polite");
		assertThat(answer.select("button").eachText()).containsExactly("Stop");
		Element composer = fragment.selectFirst("form#composer");
		assertThat(composer.attr("hx-swap-oob")).isEqualTo("true");
		assertThat(composer.selectFirst("textarea").hasAttr("disabled")).isTrue();
		responder.finishAll();
	}

	@Test
	void finishedAnswerShowsItsExactTextAndRatingButtonsAfterReload() throws Exception {
		chat.newBrowser();
		String id = chat.sendOk("line one\r\nline \"two\" 😀");
		assertThat(chat.page().selectFirst("#m-" + id).hasAttr("sse-connect")).isTrue();
		responder.finishAll();
		Document page = chat.page();
		Element answer = page.selectFirst("#m-" + id);
		assertThat(answer.hasAttr("sse-connect")).isFalse();
		// The line break arrives as the user typed it (browsers send CRLF).
		assertThat(answer.selectFirst(".content").wholeText())
			.isEqualTo("You said, \"line one\nline \"two\" 😀\" ...interesting.");
		assertThat(answer.select("button[aria-label='Thumbs up'][aria-pressed=false]")).hasSize(1);
		assertThat(answer.select("button[aria-label='Thumbs down'][aria-pressed=false]")).hasSize(1);
		assertThat(page.selectFirst("#prompt").hasAttr("disabled")).isFalse();
	}

	@Test
	void finishedMessageFragmentReenablesThePromptBox() throws Exception {
		chat.newBrowser();
		String id = chat.sendOk("hello");
		responder.finishAll();
		String html = mvc.perform(get("/messages/{id}", id).session(chat.session()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document fragment = Jsoup.parseBodyFragment(html);
		assertThat(fragment.selectFirst("#m-" + id + " .content").text()).isEqualTo("You said, \"hello\" ...interesting.");
		assertThat(fragment.selectFirst("form#composer textarea").hasAttr("disabled")).isFalse();
	}

	@Test
	void emptyOrWhitespacePromptIsRefusedAndAddsNothing() throws Exception {
		chat.newBrowser();
		for (String prompt : List.of("", "   ", "\r\n\t")) {
			String html = chat.send(prompt)
				.andExpect(status().isBadRequest())
				.andExpect(header().string("HX-Retarget", "#error"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(Jsoup.parse(html).selectFirst(".alert").text()).isEqualTo("Type a message before sending.");
		}
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void promptOverTheLengthLimitIsRefusedWith413AndAddsNothing() throws Exception {
		chat.newBrowser();
		String html = chat.send("x".repeat(51)).andExpect(status().isContentTooLarge()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(html).selectFirst(".alert").text())
			.isEqualTo("Your message is 51 characters long; the limit is 50.");
		assertThat(chat.page().select("article.message")).isEmpty();
		// The limit counts characters (code points), not UTF-16 units: 50 emoji are fine.
		chat.sendOk("😀".repeat(50));
		responder.finishAll();
	}

	@Test
	void secondPromptWhileAnAnswerStreamsIsRefusedWith409() throws Exception {
		chat.newBrowser();
		chat.sendOk("first");
		String html = chat.send("second").andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
		assertThat(Jsoup.parse(html).selectFirst(".alert").text()).isEqualTo("Please wait until the current answer is complete.");
		assertThat(chat.page().select("article.message.user")).hasSize(1);
		responder.finishAll();
		chat.sendOk("second");
		responder.finishAll();
		assertThat(chat.page().select("article.message.user .content").eachText()).containsExactly("first", "second");
	}

	@Test
	void historyKeepsOnlyTheNewestMessages() throws Exception {
		chat.newBrowser();
		for (int turn = 1; turn <= 4; turn++) {
			chat.sendOk("turn " + turn);
			responder.finishAll();
		}
		Document page = chat.page();
		assertThat(page.select("article.message")).hasSize(6);
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("turn 2", "turn 3", "turn 4");
	}

	@Test
	void anotherSessionHasItsOwnEmptyChat() throws Exception {
		chat.newBrowser();
		chat.sendOk("mine");
		responder.finishAll();
		assertThat(chat.page().select("article.message")).hasSize(2);
		chat.newBrowser();
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void newChatClearsTheConversation() throws Exception {
		chat.newBrowser();
		chat.sendOk("forget me");
		responder.finishAll();
		mvc.perform(post("/conversation/new").session(chat.session()).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk());
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void withoutJavaScriptAPromptPostRedirectsToThePage() throws Exception {
		chat.newBrowser();
		mvc.perform(post("/messages").session(chat.session()).with(csrf()).param("prompt", "plain form"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));
		Document page = chat.page();
		assertThat(page.select("article.message.user .content").text()).isEqualTo("plain form");
		// While the answer streams the page reloads itself when scripts are off.
		assertThat(page.select("noscript").html()).contains("http-equiv=\"refresh\"");
		responder.finishAll();
		assertThat(chat.page().select("noscript")).isEmpty();
	}

	@Test
	void postWithoutCsrfTokenIsForbiddenAndAddsNothing() throws Exception {
		chat.newBrowser();
		String html = mvc.perform(post("/messages").session(chat.session()).header("HX-Request", "true").param("prompt", "sneaky"))
			.andExpect(status().isForbidden())
			.andReturn()
			.getResponse()
			.getForwardedUrl();
		assertThat(html).isEqualTo("/denied");
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void streamOfAMessageOfAnotherConversationIsNotFound() throws Exception {
		chat.newBrowser();
		String id = chat.sendOk("secret");
		responder.finishAll();
		chat.newBrowser();
		mvc.perform(get("/messages/{id}/stream", id).session(chat.session())).andExpect(status().isNotFound());
		mvc.perform(get("/messages/{id}", id).session(chat.session()).header("HX-Request", "true"))
			.andExpect(status().isNotFound());
	}

}
