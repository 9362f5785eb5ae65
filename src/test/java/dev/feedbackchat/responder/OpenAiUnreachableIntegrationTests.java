package dev.feedbackchat.responder;

import dev.feedbackchat.HttpChat;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.feedbackchat.responder.AnswerChecks.assertFailed;
import static dev.feedbackchat.responder.AnswerChecks.assertRetryCompletes;
import static dev.feedbackchat.responder.AnswerChecks.finishedAnswer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model server that is not listening. Its own application context: this app has never connected to the
 * fake, so no pooled connection to it outlives its stop and the next request really has to connect.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.responder=openai",
		"chat.openai.api-key=test-key", "chat.openai.model=test-model", "chat.openai.request-timeout=2s" })
class OpenAiUnreachableIntegrationTests {

	static final FakeOpenAiServer openAi = FakeOpenAiServer.start();

	@DynamicPropertySource
	static void modelServer(DynamicPropertyRegistry registry) {
		registry.add("chat.openai.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stopModelServer() {
		openAi.close();
	}

	@LocalServerPort
	int port;

	@Test
	void aRefusedConnectionNamesTheModelServerAndRetryWorksOnceItIsBack() throws Exception {
		HttpChat chat = new HttpChat(port);
		String id;
		openAi.stop();
		try {
			id = chat.send("Is anyone listening?");
			Element answer = finishedAnswer(chat, id);

			assertFailed(answer, "Could not connect to the model server at " + openAi.baseUrl() + ".", "");
			assertThat(openAi.requests()).isEmpty();
		}
		finally {
			openAi.restart();
		}
		assertRetryCompletes(chat, openAi, id);
	}

}
