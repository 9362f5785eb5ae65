package dev.feedbackchat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One browser session talking to the chat: as htmx does (HX-Request header, CSRF token) or, where a test says so,
 * as plain forms and links without JavaScript. Its session records every attribute written.
 */
public class MockChat {

	private final MockMvc mvc;

	private Session session = new Session();

	private String address = "127.0.0.1";

	public MockChat(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** Forgets the session: the next request comes from another browser. */
	public void newBrowser() {
		session = new Session();
		address = "127.0.0.1";
	}

	public Session session() {
		return session;
	}

	/** The request as htmx sends it, or as the browser does without JavaScript. */
	public static MockHttpServletRequestBuilder htmx(MockHttpServletRequestBuilder request, boolean htmx) {
		return htmx ? request.header("HX-Request", "true") : request;
	}

	/** This browser's requests come from {@code address} (its client address) from now on. */
	public MockChat from(String address) {
		this.address = address;
		return this;
	}

	/** Any request of this browser. */
	public ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.session(session).with(fromAddress(address)));
	}

	/** Sets the request's client address. */
	public static RequestPostProcessor fromAddress(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** A form post with its CSRF token: {@code params} are names and values. */
	public ResultActions post(String url, boolean htmx, String... params) throws Exception {
		MockHttpServletRequestBuilder request = htmx(MockMvcRequestBuilders.post(url), htmx).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return perform(request);
	}

	public ResultActions send(String prompt) throws Exception {
		return post("/messages", true, "prompt", prompt);
	}

	/** Sends a prompt that must be accepted and returns the id of its answer. */
	public String sendOk(String prompt) throws Exception {
		Element answer = fragment(send(prompt).andExpect(status().isOk())).selectFirst("article.message.assistant");
		assertThat(answer).as("answer article").isNotNull();
		return answer.id().substring("m-".length());
	}

	public ResultActions rate(String answerId, String value) throws Exception {
		return post("/messages/" + answerId + "/feedback", true, "value", value);
	}

	public ResultActions comment(String answerId, String text) throws Exception {
		return post("/messages/" + answerId + "/comment", true, "comment", text);
	}

	public Document page() throws Exception {
		return Jsoup.parse(body(perform(get("/")).andExpect(status().isOk())));
	}

	/** The answer's stream (served at once; events an answer sends later are appended to its response). */
	public MvcResult stream(String answerId) throws Exception {
		// As a browser does, the request names its session (the cookie) besides having it.
		return perform(get("/messages/{id}/stream", answerId).with(request -> {
			request.setRequestedSessionId(session.getId());
			return request;
		})).andExpect(status().isOk()).andReturn();
	}

	/** The events a stream has sent so far. */
	public static List<Event> events(MvcResult stream) throws Exception {
		List<Event> events = new ArrayList<>();
		String body = stream.getResponse().getContentAsString(StandardCharsets.UTF_8);
		for (String block : body.split("\n\n")) {
			if (block.isEmpty()) {
				continue;
			}
			String name = "message";
			List<String> data = new ArrayList<>();
			for (String line : block.split("\n", -1)) {
				if (line.startsWith("event:")) {
					name = line.substring("event:".length());
				}
				else if (line.startsWith("data:")) {
					// As a browser reads it: one space after the colon is not part of the data.
					String value = line.substring("data:".length());
					data.add(value.startsWith(" ") ? value.substring(1) : value);
				}
			}
			events.add(new Event(name, String.join("\n", data)));
		}
		return events;
	}

	/** The HTML of the stream's closing event, which must be its last. */
	public static Document done(MvcResult stream) throws Exception {
		List<Event> events = events(stream);
		assertThat(events).as("events").isNotEmpty();
		Event last = events.get(events.size() - 1);
		assertThat(last.name()).isEqualTo("done");
		return Jsoup.parseBodyFragment(last.data());
	}

	public static String body(ResultActions result) throws Exception {
		return result.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	public static Document fragment(ResultActions result) throws Exception {
		return Jsoup.parseBodyFragment(body(result));
	}

	/** The message of an error response (the error page, or the error region swapped out of band). */
	public static String alert(ResultActions result) throws Exception {
		return Jsoup.parse(body(result)).selectFirst(".alert").text();
	}

	public record Event(String name, String data) {
	}

	/** Records the attributes written ({@code name}) and removed ({@code -name}), and the chat's attributes the app read. */
	public static class Session extends MockHttpSession {

		private final List<String> writes = new ArrayList<>();

		private final List<String> reads = new ArrayList<>();

		@Override
		public Object getAttribute(String name) {
			// The app's reads, not MockMvc's (it prints the session's attributes with every result).
			if (name.startsWith("chat.") && StackWalker.getInstance()
				.walk(frames -> frames.anyMatch(frame -> frame.getClassName().startsWith("dev.feedbackchat.conversation.")))) {
				reads.add(name);
			}
			return super.getAttribute(name);
		}

		/** The chat's attributes read since the last call. */
		public List<String> reads() {
			List<String> since = List.copyOf(reads);
			reads.clear();
			return since;
		}

		@Override
		public void setAttribute(String name, Object value) {
			if (value != null) {
				writes.add(name);
			}
			// A null value is a removal, recorded there.
			super.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			writes.add("-" + name);
			super.removeAttribute(name);
		}

		/** The writes since the last call. */
		public List<String> writes() {
			List<String> since = List.copyOf(writes);
			writes.clear();
			return since;
		}

	}

}
