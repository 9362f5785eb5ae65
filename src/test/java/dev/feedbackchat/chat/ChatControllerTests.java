package dev.feedbackchat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import dev.feedbackchat.MockChat.Event;
import dev.feedbackchat.model.BlankTests;
import dev.feedbackchat.responder.EchoResponder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.util.HtmlUtils;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.body;
import static dev.feedbackchat.MockChat.done;
import static dev.feedbackchat.MockChat.events;
import static dev.feedbackchat.MockChat.fragment;
import static dev.feedbackchat.MockChat.htmx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ChatWebTest
@TestPropertySource(properties = { "chat.prompt.max-length=50", "chat.history.max-messages=6" })
class ChatControllerTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@BeforeEach
	void newBrowser() {
		chat.newBrowser();
	}

	@Test
	void emptyPage() throws Exception {
		Document page = chat.page();
		assertThat(page.select("article.message")).isEmpty();
		Element prompt = page.selectFirst("form#composer #composer-fields textarea[name=prompt]");
		assertThat(prompt.attr("placeholder")).isEqualTo("Say something");
		assertThat(prompt.hasAttr("disabled")).isFalse();
		assertThat(page.select("form#composer button[aria-label=Send]")).hasSize(1);
		assertThat(page.select("button:containsOwn(New chat)")).hasSize(1);
		// Works without JavaScript: a real method and action beside hx-post, with the CSRF field.
		Element form = page.selectFirst("form#composer");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/messages");
		assertThat(form.attr("hx-post")).isEqualTo("/messages");
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		// htmx sends the token from the head (chat.js).
		assertThat(page.selectFirst("meta[name=_csrf]").attr("content")).isNotEmpty();
		assertThat(page.selectFirst("meta[name=_csrf_header]").attr("content")).isEqualTo("X-CSRF-TOKEN");
	}

	@Test
	void contentSecurityPolicy() throws Exception {
		chat.perform(get("/")).andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")));
		String id = chat.sendOk("hello");
		MvcResult stream = chat.stream(id);
		responder.finishAll();
		List<Document> documents = List.of(chat.page(), fragment(chat.send("again")), done(stream));
		for (Document document : documents) {
			assertThat(document.select("script:not([src])")).isEmpty();
			assertThat(document.select("[style]")).isEmpty();
			assertThat(document.select("[^on]")).as("inline event handlers").isEmpty();
		}
		assertThat(documents.get(0).select("script[src]").eachAttr("src")).allMatch(src -> src.startsWith("/"));
		responder.finishAll();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void send(boolean htmx) throws Exception {
		ResultActions result = chat.post("/messages", htmx, "prompt", "plain form");
		if (htmx) {
			result.andExpect(status().isOk());
			assertThat(fragment(result).select("article.message").eachAttr("class"))
				.containsExactly("message user", "message assistant");
		}
		else {
			result.andExpect(redirectedUrl("/"));
		}
		Document page = chat.page();
		assertThat(page.select("article.message.user .content").text()).isEqualTo("plain form");
		assertThat(page.selectFirst("article.message.assistant").hasAttr("sse-connect")).isTrue();
		assertThat(page.selectFirst("#composer-fields").hasAttr("disabled")).isTrue();
		responder.finishAll();
	}

	@Test
	void sentFragment() throws Exception {
		String html = body(chat.send("Hi <b>there</b>").andExpect(status().isOk()));
		assertThat(html).contains("Hi &lt;b&gt;there&lt;/b&gt;").doesNotContain("<b>");
		Document fragment = Jsoup.parseBodyFragment(html);
		Element user = fragment.selectFirst("article.message.user");
		assertThat(user.selectFirst(".role").text()).isEqualTo("user");
		assertThat(user.selectFirst(".content").text()).isEqualTo("Hi <b>there</b>");
		Element answer = fragment.selectFirst("article.message.assistant");
		String id = answer.id().substring(2);
		assertThat(answer.attr("hx-ext")).isEqualTo("sse");
		assertThat(answer.attr("sse-connect")).isEqualTo("/messages/" + id + "/stream?from=0");
		assertThat(answer.attr("sse-close")).isEqualTo("done");
		assertThat(answer.attr("sse-swap")).isEqualTo("done");
		assertThat(answer.attr("hx-swap")).isEqualTo("outerHTML");
		assertThat(answer.selectFirst(".content").attr("sse-swap")).isEqualTo("chunk");
		// Busy while it streams, and not a live region: a screen reader is not handed every character.
		assertThat(answer.attr("aria-busy")).isEqualTo("true");
		assertThat(answer.select("[aria-live]")).isEmpty();
		Element stop = answer.selectFirst("button");
		assertThat(stop.text()).isEqualTo("Stop");
		assertThat(stop.attr("form")).isEqualTo("post");
		assertThat(stop.attr("formaction")).isEqualTo("/messages/" + id + "/stop");
		assertThat(stop.attr("hx-post")).isEqualTo("/messages/" + id + "/stop");
		// Only the composer's fieldset is swapped, disabled while the answer streams; an old error is cleared.
		assertThat(fragment.select("form")).isEmpty();
		Element fields = fragment.selectFirst("fieldset#composer-fields");
		assertThat(fields.attr("hx-swap-oob")).isEqualTo("true");
		assertThat(fields.hasAttr("disabled")).isTrue();
		assertThat(fragment.selectFirst("#error[hx-swap-oob=true]").text()).isEmpty();
		responder.finishAll();
	}

	@Test
	void reload() throws Exception {
		String id = chat.sendOk("line one\r\nline \"two\" 😀");
		assertThat(chat.page().selectFirst("#m-" + id).hasAttr("sse-connect")).isTrue();
		responder.finishAll();
		Document page = chat.page();
		Element answer = page.selectFirst("#m-" + id);
		assertThat(answer.hasAttr("sse-connect")).isFalse();
		// The line break arrives as the user typed it (browsers send CRLF).
		assertThat(answer.selectFirst(".content").wholeText())
			.isEqualTo("You said, \"line one\nline \"two\" 😀\" ...interesting.");
		assertThat(answer.select("button[aria-label='Thumbs up'][aria-pressed=false]:not([disabled])")).hasSize(1);
		assertThat(answer.select("button[aria-label='Thumbs down'][aria-pressed=false]:not([disabled])")).hasSize(1);
		assertThat(page.selectFirst("#composer-fields").hasAttr("disabled")).isFalse();
	}

	@Test
	void doneCarriesTheMessageAsThePageShowsIt() throws Exception {
		String id = chat.sendOk("hello <i>you</i>");
		MvcResult stream = chat.stream(id);
		assertThat(stream.getResponse().getContentType()).startsWith("text/event-stream");
		assertThat(events(stream)).isEmpty();

		responder.finishAll();

		List<Event> events = events(stream);
		assertThat(events).extracting(Event::name).containsExactly("chunk", "done");
		assertThat(HtmlUtils.htmlUnescape(events.get(0).data())).isEqualTo(EchoResponder.answerTo("hello <i>you</i>"));
		Document done = done(stream);
		Element answer = done.selectFirst("#m-" + id);
		assertThat(answer.outerHtml()).isEqualTo(chat.page().selectFirst("#m-" + id).outerHtml());
		assertThat(answer.select(".rating button")).hasSize(2).allMatch(button -> !button.hasAttr("disabled"));
		assertThat(answer.hasAttr("sse-connect")).isFalse();
		Element fields = done.selectFirst("fieldset#composer-fields");
		assertThat(fields.attr("hx-swap-oob")).isEqualTo("true");
		assertThat(fields.hasAttr("disabled")).isFalse();
		// The connection ends with it (sse-close): the browser does not reconnect.
		assertThat(stream.getRequest().isAsyncStarted()).isFalse();
	}

	@Test
	void laterConnectionGetsOnlyDone() throws Exception {
		String id = chat.sendOk("hello");
		responder.finishAll();
		chat.rate(id, "1").andExpect(status().isOk());

		MvcResult stream = chat.stream(id);

		assertThat(events(stream)).extracting(Event::name).containsExactly("done");
		Element answer = done(stream).selectFirst("#m-" + id);
		assertThat(answer.selectFirst("button[aria-label='Thumbs up']").attr("aria-pressed")).isEqualTo("true");
		assertThat(answer.select(".rating button")).allMatch(button -> button.hasAttr("disabled"));
		assertThat(answer.outerHtml()).isEqualTo(chat.page().selectFirst("#m-" + id).outerHtml());
		assertThat(stream.getRequest().isAsyncStarted()).isFalse();
	}

	@Test
	void noCsrfTokenInFragments() throws Exception {
		List<String> fragments = new ArrayList<>();
		ResultActions sent = chat.send("hello");
		fragments.add(body(sent));
		String id = fragment(sent).selectFirst("article.message.assistant").id().substring(2);
		MvcResult stream = chat.stream(id);
		responder.finishAll();
		fragments.add(stream.getResponse().getContentAsString());
		fragments.add(body(chat.rate(id, "0")));
		fragments.add(body(chat.rate(id, "1")));

		// The page holds the token in its head and in its own forms, never inside a message.
		Document page = chat.page();
		assertThat(page.select("#messages [name=_csrf]")).isEmpty();
		assertThat(page.select("meta[name=_csrf]")).hasSize(1);
		assertThat(page.select("input[name=_csrf]").stream().map(input -> input.closest("form").id()))
			.containsExactlyInAnyOrder("new-chat", "preferences", "composer", "post", "comment-form-" + id);
		// What a message submits without JavaScript goes through one of those forms.
		assertThat(page.select("#messages [form]")).isNotEmpty().allSatisfy(control -> {
			Element form = page.getElementById(control.attr("form"));
			assertThat(form).as("form of %s", control).isNotNull();
			assertThat(form.select("input[name=_csrf]")).hasSize(1);
		});

		fragments.add(body(chat.comment(id, "meh")));
		fragments.add(body(chat.comment(id, "again")));
		fragments.add(body(chat.post("/conversation/new", true)));
		assertThat(fragments).allSatisfy(html -> assertThat(html).isNotEmpty().doesNotContain("_csrf"));
	}

	static Stream<Arguments> refusedPrompts() {
		String blank = "Type a message before sending.";
		return Stream.of(true, false)
			.flatMap(htmx -> Stream.concat(BlankTests.INVISIBLE.stream().map(prompt -> Arguments.of(htmx, prompt, 400, blank)),
					Stream.of(Arguments.of(htmx, "x".repeat(51), 413, "Your message is 51 characters long; the limit is 50."))));
	}

	@ParameterizedTest
	@MethodSource("refusedPrompts")
	void refusedPrompt(boolean htmx, String prompt, int status, String message) throws Exception {
		ResultActions result = chat.post("/messages", htmx, "prompt", prompt).andExpect(status().is(status));
		assertThat(alert(result)).isEqualTo(message);
		if (htmx) {
			result.andExpect(header().string("HX-Retarget", "#error"));
		}
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void limitCountsCharacters() throws Exception {
		// Code points, not UTF-16 units: 50 emoji are 100 units.
		chat.sendOk("😀".repeat(50));
		responder.finishAll();
	}

	@Test
	void secondPromptWhileStreaming() throws Exception {
		chat.sendOk("first");
		assertThat(alert(chat.send("second").andExpect(status().isConflict())))
			.isEqualTo("Please wait until the current answer is complete.");
		assertThat(chat.page().select("article.message.user")).hasSize(1);
		responder.finishAll();
		chat.sendOk("second");
		responder.finishAll();
		assertThat(chat.page().select("article.message.user .content").eachText()).containsExactly("first", "second");
	}

	@Test
	void keepsTheNewestMessages() throws Exception {
		for (int turn = 1; turn <= 4; turn++) {
			chat.sendOk("turn " + turn);
			responder.finishAll();
		}
		Document page = chat.page();
		assertThat(page.select("article.message")).hasSize(6);
		assertThat(page.select("article.message.user .content").eachText()).containsExactly("turn 2", "turn 3", "turn 4");
	}

	@Test
	void sessionsHaveTheirOwnChat() throws Exception {
		chat.sendOk("mine");
		responder.finishAll();
		assertThat(chat.page().select("article.message")).hasSize(2);
		chat.newBrowser();
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void newChat(boolean htmx) throws Exception {
		chat.sendOk("forget me");
		responder.finishAll();
		ResultActions result = chat.post("/conversation/new", htmx);
		if (htmx) {
			Document fragment = fragment(result.andExpect(status().isOk()));
			assertThat(fragment.selectFirst("section#messages").select("article")).isEmpty();
			assertThat(fragment.selectFirst("fieldset#composer-fields[hx-swap-oob=true]").hasAttr("disabled")).isFalse();
		}
		else {
			result.andExpect(redirectedUrl("/"));
		}
		assertThat(chat.page().select("article.message")).isEmpty();
		chat.sendOk("anew");
		responder.finishAll();
		assertThat(chat.page().select("article.message.user .content").eachText()).containsExactly("anew");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void stop(boolean htmx) throws Exception {
		String id = chat.sendOk("hello");
		ResultActions result = chat.post("/messages/" + id + "/stop", htmx);
		if (htmx) {
			result.andExpect(status().isNoContent());
		}
		else {
			result.andExpect(redirectedUrl("/#m-" + id));
		}
		Element answer = chat.page().selectFirst("#m-" + id);
		assertThat(answer.hasAttr("sse-connect")).isFalse();
		assertThat(answer.selectFirst(".note").text()).isEqualTo("Stopped");
		// A stopped answer can be rated.
		assertThat(answer.select(".rating button:not([disabled])")).hasSize(2);
		assertThat(alert(chat.post("/messages/" + id + "/stop", htmx).andExpect(status().isConflict())))
			.isEqualTo("This answer is not being generated.");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void retry(boolean htmx) throws Exception {
		String id = chat.sendOk("hello");
		responder.failAll("The model server did not answer.");
		Element failed = chat.page().selectFirst("#m-" + id);
		assertThat(failed.selectFirst(".alert").text()).isEqualTo("The model server did not answer.");
		assertThat(failed.select(".rating")).isEmpty();
		Element button = failed.selectFirst("button.retry-button");
		assertThat(button.attr("form")).isEqualTo("post");
		assertThat(button.attr("formaction")).isEqualTo("/messages/" + id + "/retry");

		ResultActions result = chat.post("/messages/" + id + "/retry", htmx);

		if (htmx) {
			Document fragment = fragment(result.andExpect(status().isOk()));
			assertThat(fragment.selectFirst("#m-" + id).attr("sse-connect")).isEqualTo("/messages/" + id + "/stream?from=0");
			assertThat(fragment.selectFirst("fieldset#composer-fields").hasAttr("disabled")).isTrue();
		}
		else {
			// The page, not its anchor: a refresh to a URL that differs only by its fragment would not reload it.
			result.andExpect(redirectedUrl("/"));
		}
		assertThat(chat.page().selectFirst("#m-" + id).hasAttr("sse-connect")).isTrue();
		responder.finishAll();
		assertThat(chat.page().selectFirst("#m-" + id + " .content").text()).isEqualTo(EchoResponder.answerTo("hello"));
	}

	@Test
	void withoutCsrfToken() throws Exception {
		chat.perform(post("/messages").header("HX-Request", "true").param("prompt", "sneaky"))
			.andExpect(status().isForbidden())
			.andExpect(forwardedUrl("/denied"));
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void otherConversationsStream() throws Exception {
		String id = chat.sendOk("secret");
		responder.finishAll();
		chat.newBrowser();
		chat.perform(get("/messages/{id}/stream", id)).andExpect(status().isNotFound());
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void messageLink(boolean htmx) throws Exception {
		// No fragment any more (the closing event carries the message): the link leads to it in the page.
		String id = chat.sendOk("hello");
		responder.finishAll();
		chat.perform(htmx(get("/messages/{id}", id), htmx)).andExpect(redirectedUrl("/#m-" + id));
	}

}
