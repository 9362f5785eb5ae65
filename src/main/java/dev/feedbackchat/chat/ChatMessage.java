package dev.feedbackchat.chat;

import java.io.Serializable;
import java.util.UUID;

/**
 * One entry of the history, the tutorial's {role, content, feedback} plus an id and a state.
 *
 * @param feedback the rating, {@code null} until the user gives one
 */
public record ChatMessage(UUID id, Role role, String content, Integer feedback, MessageState state)
		implements Serializable {

	static ChatMessage user(String prompt) {
		return new ChatMessage(UUID.randomUUID(), Role.USER, prompt, null, MessageState.COMPLETE);
	}

	static ChatMessage pendingAnswer() {
		return new ChatMessage(UUID.randomUUID(), Role.ASSISTANT, "", null, MessageState.STREAMING);
	}

	public boolean isAssistant() {
		return role == Role.ASSISTANT;
	}

	public boolean isStreaming() {
		return state == MessageState.STREAMING;
	}

	public boolean isRated() {
		return feedback != null;
	}

	ChatMessage withContent(String text, MessageState newState) {
		return new ChatMessage(id, role, text, feedback, newState);
	}

	public ChatMessage withFeedback(int value) {
		return new ChatMessage(id, role, content, value, state);
	}

}
