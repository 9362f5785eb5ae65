package dev.feedbackchat.limits;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static dev.feedbackchat.MockChat.fromAddress;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** chat.rate-limit.enabled=false turns every limit off; so does 0 for one limit. */
class ClientLimitsDisabledTests {

	abstract static class Unlimited {

		@Autowired
		MockMvc mvc;

		@Autowired
		ManualResponder responder;

		@AfterEach
		void finishAnswers() {
			responder.finishAll();
		}

		@ParameterizedTest
		@ValueSource(booleans = { true, false })
		void answersAndSessions(boolean ignored) throws Exception {
			MockChat chat = new MockChat(mvc).from("198.51.100.7");
			for (int i = 0; i < 3; i++) {
				chat.sendOk("prompt " + i);
				chat.post("/conversation/new", true).andExpect(status().isOk());
			}
			for (int i = 0; i < 5; i++) {
				mvc.perform(get("/").with(fromAddress("198.51.100.8"))).andExpect(status().isOk());
			}
		}

	}

	@ChatWebTest
	@TestPropertySource(properties = { "chat.rate-limit.enabled=false", "chat.rate-limit.sessions.per-address=1",
			"chat.rate-limit.prompts.per-session=1" })
	static class Disabled extends Unlimited {

	}

	@ChatWebTest
	@TestPropertySource(properties = { "chat.rate-limit.answers.per-session=0", "chat.rate-limit.sessions.per-address=0",
			"chat.rate-limit.prompts.per-session=0" })
	static class Zero extends Unlimited {

	}

}
