package dev.feedbackchat.responder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.responder.Responder.Turn;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat-completions request body; no server involved. */
class OpenAiResponderTests {

	static OpenAiResponder responder(String systemPrompt, Double temperature, Integer maxTokens, int historyBudget) {
		return new OpenAiResponder(new OpenAiProperties(URI.create("http://localhost:9/v1"), "key", "test-model",
				systemPrompt, temperature, maxTokens, Duration.ofSeconds(2), historyBudget), JsonMapper.builder().build());
	}

	static Map<String, String> message(String role, String content) {
		return Map.of("role", role, "content", content);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, String>> messages(Map<String, Object> body) {
		return (List<Map<String, String>>) body.get("messages");
	}

	@Test
	void theBodyStreamsTheModelWithTheHistoryThenThePrompt() {
		Map<String, Object> body = responder("", null, null, 1000).request(
				List.of(new Turn("user", "Hi"), new Turn("assistant", "Hello!")), "How are you?");

		assertThat(body).containsOnlyKeys("model", "stream", "stream_options", "messages");
		assertThat(body).containsEntry("model", "test-model").containsEntry("stream", true)
			.containsEntry("stream_options", Map.of("include_usage", true));
		assertThat(messages(body)).containsExactly(message("user", "Hi"), message("assistant", "Hello!"),
				message("user", "How are you?"));
	}

	@Test
	void theSystemPromptComesFirstWhenSet() {
		Map<String, Object> body = responder("Be brief.", null, null, 1000).request(
				List.of(new Turn("user", "Hi"), new Turn("assistant", "Hello!")), "Why?");

		assertThat(messages(body)).containsExactly(message("system", "Be brief."), message("user", "Hi"),
				message("assistant", "Hello!"), message("user", "Why?"));
	}

	@Test
	void aBlankOrMissingSystemPromptSendsNone() {
		assertThat(messages(responder("  ", null, null, 1000).request(List.of(), "Hi")))
			.containsExactly(message("user", "Hi"));
		assertThat(messages(responder(null, null, null, 1000).request(List.of(), "Hi")))
			.containsExactly(message("user", "Hi"));
	}

	@Test
	void historyBeyondTheBudgetDropsTheOldestMessagesFirst() {
		List<Turn> history = List.of(new Turn("user", "a".repeat(10)), new Turn("assistant", "b".repeat(10)),
				new Turn("user", "c".repeat(10)), new Turn("assistant", "d".repeat(10)));

		// 25 characters hold the newest two messages (20) but not a third (30).
		assertThat(messages(responder("System.", null, null, 25).request(history, "e".repeat(50))))
			.containsExactly(message("system", "System."), message("user", "c".repeat(10)),
					message("assistant", "d".repeat(10)), message("user", "e".repeat(50)));
		// Exactly the budget still fits; the system prompt and the prompt itself never count against it.
		assertThat(messages(responder(null, null, null, 30).request(history, "Now?")))
			.extracting(m -> m.get("content"))
			.containsExactly("b".repeat(10), "c".repeat(10), "d".repeat(10), "Now?");
		assertThat(messages(responder(null, null, null, 0).request(history, "Now?"))).containsExactly(message("user", "Now?"));
	}

	@Test
	void aMessageLongerThanTheBudgetEndsTheHistoryThereEvenIfOlderOnesWouldFit() {
		List<Turn> history = List.of(new Turn("user", "short"), new Turn("assistant", "x".repeat(100)),
				new Turn("user", "newest"));

		assertThat(messages(responder(null, null, null, 50).request(history, "Now?")))
			.containsExactly(message("user", "newest"), message("user", "Now?"));
	}

	@Test
	void temperatureAndMaxTokensAreSentOnlyWhenSet() {
		Map<String, Object> unset = responder(null, null, null, 100).request(List.of(), "Hi");
		assertThat(unset).doesNotContainKeys("temperature", "max_tokens");

		Map<String, Object> set = responder(null, 0.2, 256, 100).request(List.of(), "Hi");
		assertThat(set).containsEntry("temperature", 0.2).containsEntry("max_tokens", 256);

		assertThat(responder(null, 0.0, null, 100).request(List.of(), "Hi")).containsEntry("temperature", 0.0)
			.doesNotContainKey("max_tokens");
	}

}
