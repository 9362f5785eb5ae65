package dev.feedbackchat.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.admin.TrainingConversation.ChatMessage;
import dev.feedbackchat.admin.TrainingConversation.Message;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.Sentiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The context of a prompt: which turns come before it, and how the cap drops the oldest. */
class TrainingConversationTests {

	final List<Message> messages = new ArrayList<>();

	Message prompt(String text, Message parent) {
		Message prompt = new Message(UUID.randomUUID(), "user", text, null, parent == null ? null : parent.id(),
				AnswerStatus.COMPLETE, null, List.of(), null, false);
		messages.add(prompt);
		return prompt;
	}

	Message answer(Message prompt, String text, AnswerStatus status) {
		Message answer = new Message(UUID.randomUUID(), "assistant", text, prompt.id(), null, status, Sentiment.POSITIVE,
				List.of(), null, true);
		messages.add(answer);
		return answer;
	}

	/** Ten turns, each prompt naming the answer before it (as the chat stores them since V4). */
	Message tenTurns() {
		Message parent = null;
		for (int i = 1; i <= 10; i++) {
			parent = answer(prompt("p" + i, parent), "a" + i, AnswerStatus.COMPLETE);
		}
		return prompt("last", parent);
	}

	static List<String> contents(List<ChatMessage> context) {
		return context.stream().map(message -> message.role().charAt(0) + ":" + message.content()).toList();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0  | u:last
			1  | u:last
			2  | u:p10, a:a10, u:last
			3  | u:p10, a:a10, u:last
			4  | u:p9, a:a9, u:p10, a:a10, u:last
			""")
	void theCapKeepsTheNewestWholeTurnsSoTheContextStartsWithTheUser(int cap, String expected) {
		Message last = tenTurns();
		assertThat(contents(new TrainingConversation(messages).context(last, cap)))
			.containsExactly(expected.split(", "));
	}

	@Test
	void underTheCapTheWholeConversationComes() {
		Message last = tenTurns();
		List<ChatMessage> context = new TrainingConversation(messages).context(last, 20);
		assertThat(context).hasSize(21);
		assertThat(contents(context).subList(0, 2)).containsExactly("u:p1", "a:a1");
	}

	@Test
	void aPromptFollowsTheAnswerItContinuesNotTheLatestOne() {
		Message first = prompt("question", null);
		Message shown = answer(first, "kept", AnswerStatus.COMPLETE);
		answer(first, "regenerated later", AnswerStatus.COMPLETE);
		Message next = prompt("next", shown);
		assertThat(contents(new TrainingConversation(messages).context(next, 20))).containsExactly("u:question",
				"a:kept", "u:next");
	}

	@Test
	void promptsStoredBeforeTheParentColumnContinueTheLatestAnswerAndFailedAnswersAreLeftOutLikeTheChatDoes() {
		Message first = prompt("one", null);
		answer(first, "answer one", AnswerStatus.COMPLETE);
		Message second = prompt("two", null);
		answer(second, "partial", AnswerStatus.FAILED);
		Message third = prompt("three", null);
		answer(third, "stopped early", AnswerStatus.STOPPED);
		Message fourth = prompt("four", null);
		assertThat(contents(new TrainingConversation(messages).context(fourth, 20))).containsExactly("u:one",
				"a:answer one", "u:two", "u:three", "a:stopped early", "u:four");
		assertThat(contents(new TrainingConversation(messages).context(first, 20))).containsExactly("u:one");
	}

}
