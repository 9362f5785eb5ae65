package dev.feedbackchat.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.fromAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What one client may do (chat.rate-limit), with small limits and a clock the test moves. Each test's clients come
 * from addresses of their own, so the tests do not share buckets.
 */
@ChatWebTest
@Import(ClientLimitsTests.Clock.class)
@TestPropertySource(properties = { "chat.rate-limit.answers.per-address=2", "chat.rate-limit.streams.per-session=2",
		"chat.rate-limit.streams.per-address=3", "chat.rate-limit.prompts.per-session=3",
		"chat.rate-limit.prompts.per-address=5", "chat.rate-limit.sessions.per-address=2" })
class ClientLimitsTests {

	private static final AtomicInteger addresses = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	ManualResponder responder;

	@Autowired
	Clock clock;

	@Autowired
	SimpleMeterRegistry meters;

	@AfterEach
	void finishAnswers() {
		responder.finishAll();
	}

	/** Bucket4j's clock, moved by the test: no waiting for buckets to refill. */
	static class Clock implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong();

		void advance(Duration duration) {
			nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aSecondAnswerWhileTheFirstIsGeneratedIsRefusedEvenInANewChat(boolean htmx) throws Exception {
		MockChat chat = browser(newAddress());
		chat.sendOk("one");
		chat.post("/conversation/new", htmx).andExpect(htmx ? status().isOk() : status().is3xxRedirection());
		chat.session().writes();
		double refusedBefore = refusals();

		ResultActions refused = tooMany(chat.post("/messages", htmx, "prompt", "two"), htmx, "3");

		assertThat(alert(refused)).isEqualTo("An answer is still being written. Wait for it or stop it first.");
		assertThat(chat.session().writes()).as("nothing saved changes").isEmpty();
		assertThat(chat.page().select("article.message")).isEmpty();
		assertThat(refusals()).isEqualTo(refusedBefore + 1);
		// Its place is free once the answer has ended.
		responder.finishAll();
		chat.sendOk("three");
	}

	@Test
	void answersAtOnceAreLimitedPerAddressAcrossSessions() throws Exception {
		String address = newAddress();
		browser(address).sendOk("one");
		browser(address).sendOk("two");
		MockChat third = browser(address);

		assertThat(alert(tooMany(third.send("three"), true, "3"))).startsWith("Too many answers are being written");
		browser(newAddress()).sendOk("from elsewhere");

		responder.finishAll();
		third.sendOk("three");
	}

	@Test
	void streamsAtOnceAreLimitedPerSessionAndAddressAndFreedWhenClosed() throws Exception {
		String address = newAddress();
		MockChat chat = browser(address);
		String id = chat.sendOk("one");
		chat.stream(id);
		chat.stream(id);

		assertThat(alert(tooMany(stream(chat, id), false, "3"))).startsWith("Too many answers are open");

		MockChat other = browser(address);
		String otherId = other.sendOk("two");
		other.stream(otherId);
		tooMany(stream(other, otherId), false, "3");

		// The answers end and their streams close: the places are free again.
		responder.finishAll();
		for (int i = 0; i < 3; i++) {
			chat.stream(id);
		}
	}

	@Test
	void promptsPerMinuteArePerSession() throws Exception {
		MockChat chat = browser(newAddress());
		for (int i = 0; i < 3; i++) {
			chat.sendOk("prompt " + i);
			responder.finishAll();
		}
		chat.session().writes();

		ResultActions refused = tooMany(chat.send("one too many"), true, "20");

		assertThat(alert(refused)).isEqualTo("You are sending messages too quickly. Try again in 20 seconds.");
		assertThat(chat.session().writes()).isEmpty();
		clock.advance(Duration.ofSeconds(20));
		chat.sendOk("later");
	}

	@Test
	void promptsPerMinuteArePerAddressAcrossSessionsAndCountRetries() throws Exception {
		String address = newAddress();
		MockChat first = browser(address);
		for (int i = 0; i < 3; i++) {
			first.sendOk("prompt " + i);
			responder.finishAll();
		}
		MockChat second = browser(address);
		String failed = second.sendOk("fails");
		responder.failAll("no model");
		second.post("/messages/" + failed + "/retry", true).andExpect(status().isOk());
		responder.finishAll();

		tooMany(browser(address).send("sixth"), true, "12");
		browser(newAddress()).sendOk("from elsewhere");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void regeneratesCountAsPromptsAndTakeThePlaceOfAnAnswer(boolean htmx) throws Exception {
		String address = newAddress();
		MockChat chat = browser(address);
		String id = chat.sendOk("one");
		responder.finishAll();
		browser(address).sendOk("two");
		browser(address).sendOk("three");

		ResultActions busy = tooMany(chat.post("/messages/" + id + "/regenerate", htmx), htmx, "3");

		assertThat(alert(busy)).startsWith("Too many answers are being written");
		responder.finishAll();
		chat.post("/messages/" + id + "/regenerate", htmx).andExpect(htmx ? status().isOk() : status().is3xxRedirection());
		responder.finishAll();
		chat.session().writes();

		ResultActions fast = tooMany(chat.post("/messages/" + id + "/regenerate", htmx), htmx, "20");

		assertThat(alert(fast)).isEqualTo("You are sending messages too quickly. Try again in 20 seconds.");
		assertThat(chat.session().writes()).as("nothing saved changes").isEmpty();
		assertThat(chat.page().select(".sibling-place").text()).isEqualTo("2 / 2");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void newSessionsPerMinuteArePerAddress(boolean htmx) throws Exception {
		String address = newAddress();
		for (int i = 0; i < 2; i++) {
			MvcResult page = mvc.perform(MockChat.htmx(get("/"), htmx).with(fromAddress(address)))
				.andExpect(status().isOk())
				.andReturn();
			assertThat(page.getRequest().getSession(false)).isNotNull();
		}

		ResultActions refused = tooMany(mvc.perform(MockChat.htmx(get("/"), htmx).with(fromAddress(address))), htmx, "30");

		assertThat(alert(refused)).isEqualTo("Too many new visitors from your network right now. Try again in 30 seconds.");
		assertThat(refused.andReturn().getRequest().getSession(false)).as("no session made").isNull();
		refused.andExpect(header().exists("Content-Security-Policy"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
		// Not for static files, nor for a session the address already has, nor for other addresses.
		mvc.perform(get("/css/chat.css").with(fromAddress(address))).andExpect(status().isOk());
		browser(address).page();
		mvc.perform(get("/").with(fromAddress(newAddress()))).andExpect(status().isOk());
		clock.advance(Duration.ofSeconds(30));
		mvc.perform(get("/").with(fromAddress(address))).andExpect(status().isOk());
	}

	/** A browser (a session that exists) at this address. */
	private MockChat browser(String address) throws Exception {
		MockChat chat = new MockChat(mvc).from(address);
		// Its session is there already: only this test's requests count against the address's new sessions.
		chat.session();
		return chat;
	}

	private ResultActions stream(MockChat chat, String id) throws Exception {
		return chat.perform(get("/messages/{id}/stream", id).with(request -> {
			request.setRequestedSessionId(chat.session().getId());
			return request;
		}));
	}

	private static ResultActions tooMany(ResultActions result, boolean htmx, String retryAfter) throws Exception {
		result.andExpect(status().isTooManyRequests()).andExpect(header().string("Retry-After", retryAfter));
		if (htmx) {
			result.andExpect(header().string("HX-Retarget", "#error"));
		}
		else {
			assertThat(Jsoup.parse(MockChat.body(result)).select("h1")).hasSize(1);
		}
		return result;
	}

	private double refusals() {
		return meters.counter("chat.rejected", "reason", "too-many-requests").count();
	}

	private static String newAddress() {
		int n = addresses.incrementAndGet();
		return "192.0.2." + n;
	}

}
