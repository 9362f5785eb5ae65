package dev.feedbackchat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** One browser session talking to the chat as htmx does: HX-Request header, CSRF token, shared session. */
public class MockChat {

	private final MockMvc mvc;

	private MockHttpSession session = new MockHttpSession();

	public MockChat(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** Forgets the session: the next request comes from another browser. */
	public void newBrowser() {
		session = new MockHttpSession();
	}

	public MockHttpSession session() {
		return session;
	}

	public ResultActions send(String prompt) throws Exception {
		return mvc.perform(post("/messages").session(session).with(csrf()).header("HX-Request", "true").param("prompt", prompt));
	}

	/** Sends a prompt that must be accepted and returns the id of its answer. */
	public String sendOk(String prompt) throws Exception {
		String html = send(prompt).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		Element answer = Jsoup.parseBodyFragment(html).selectFirst("article.message.assistant");
		assertThat(answer).as("answer article in %s", html).isNotNull();
		return answer.id().substring("m-".length());
	}

	public ResultActions rate(String messageId, String value) throws Exception {
		return mvc.perform(post("/messages/{id}/feedback", messageId).session(session)
			.with(csrf())
			.header("HX-Request", "true")
			.param("value", value));
	}

	public Document page() throws Exception {
		return Jsoup.parse(mvc.perform(get("/").session(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

}
