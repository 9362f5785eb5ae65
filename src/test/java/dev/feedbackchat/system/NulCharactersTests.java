package dev.feedbackchat.system;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.feedbackchat.MockChat.body;
import static dev.feedbackchat.MockChat.htmx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A NUL character anywhere in a request's parameters: 400, the usual short message, nothing stored or echoed. */
@ChatWebTest
class NulCharactersTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@Autowired
	SimpleMeterRegistry meters;

	String answerId;

	@BeforeEach
	void answered() throws Exception {
		chat.newBrowser();
		answerId = chat.sendOk("hello");
		responder.finishAll();
	}

	/** The refusal as htmx shows it (the error region) or as the error page, and never the refused text. */
	static void assertRefused(ResultActions result, boolean htmx, String refused) throws Exception {
		result.andExpect(status().isBadRequest());
		if (htmx) {
			result.andExpect(header().string("HX-Retarget", "#error"));
		}
		String html = body(result);
		assertThat(Jsoup.parse(html).selectFirst(".alert").text()).isEqualTo("The request contains a character that is not allowed (such as NUL).");
		assertThat(html).doesNotContain("\0").doesNotContain("&#0;").doesNotContain(refused);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void promptWithNulIsRefusedAndNothingSaved(boolean htmx) throws Exception {
		double rejected = rejected();
		assertRefused(chat.post("/messages", htmx, "prompt", "secret\0prompt"), htmx, "secret");
		assertThat(chat.page().select("article.message.user .content").eachText()).containsExactly("hello");
		assertThat(rejected()).isEqualTo(rejected + 1);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void commentWithNulIsRefusedAndNothingSaved(boolean htmx) throws Exception {
		chat.rate(answerId, "1");
		assertRefused(chat.post("/messages/" + answerId + "/comment", htmx, "comment", "secret\0comment"), htmx, "secret");
		assertThat(chat.page().select("#m-" + answerId + " .comment-text")).isEmpty();
		chat.comment(answerId, "fine").andExpect(status().isOk());
	}

	@Test
	void ratingWithNulIsRefused() throws Exception {
		assertRefused(chat.rate(answerId, "1\0secret"), true, "secret");
		assertThat(chat.page().select("#m-" + answerId + " [aria-pressed=true]")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "rating, positive\0secret", "from, 2026-01-01\0secret", "to, x\0secret", "commented, true\0secret",
			"page, 1\0secret" })
	void adminFilterWithNulIsRefusedAndNotEchoed(String name, String value) throws Exception {
		for (boolean htmx : new boolean[] { true, false }) {
			MockHttpServletRequestBuilder request = htmx(get("/admin"), htmx).param(name, value)
				.with(user("admin").roles("ADMIN"));
			assertRefused(chat.perform(request), htmx, "secret");
		}
	}

	@Test
	void parameterNameWithNulIsRefused() throws Exception {
		assertRefused(chat.post("/messages", true, "prompt", "hello again", "prompt\0secret", "x"), true, "secret");
		assertRefused(chat.perform(get("/admin").param("rating\0secret", "positive").with(user("admin").roles("ADMIN"))),
				false, "secret");
		assertThat(chat.page().select("article.message.user .content").eachText()).containsExactly("hello");
	}

	@Test
	void queryParametersOfPagesAndStreamsAreCheckedToo() throws Exception {
		assertRefused(chat.perform(get("/").param("show", "2\0secret")), false, "secret");
		assertRefused(chat.perform(get("/messages/{id}/stream", answerId).param("from", "0\0secret")), false, "secret");
		assertRefused(chat.perform(htmx(get("/messages"), true).param("before", answerId + "\0secret")), true, "secret");
	}

	double rejected() {
		return meters.counter("chat.rejected", "reason", "bad-request").count();
	}

}
