package dev.feedbackchat.chat;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the history, the tutorial's {role, content, feedback} plus an id, a state, the optional
 * comment on the rating and when the message was written.
 *
 * @param feedback the rating, {@code null} until the user gives one
 * @param comment  the comment on the rating, {@code null} until the user writes one
 */
public record ChatMessage(UUID id, Role role, String content, Integer feedback, String comment, MessageState state,
		Instant createdAt) implements Serializable {

	static ChatMessage user(String prompt) {
		return new ChatMessage(UUID.randomUUID(), Role.USER, prompt, null, null, MessageState.COMPLETE, Instant.now());
	}

	static ChatMessage pendingAnswer() {
		return new ChatMessage(UUID.randomUUID(), Role.ASSISTANT, "", null, null, MessageState.STREAMING, Instant.now());
	}

	public boolean isAssistant() {
		return role == Role.ASSISTANT;
	}

	public boolean isStreaming() {
		return state == MessageState.STREAMING;
	}

	public boolean isFailed() {
		return state == MessageState.FAILED;
	}

	public boolean isRated() {
		return feedback != null;
	}

	ChatMessage withContent(String text, MessageState newState) {
		return new ChatMessage(id, role, text, feedback, comment, newState, createdAt);
	}

	public ChatMessage withFeedback(int value) {
		return new ChatMessage(id, role, content, value, comment, state, createdAt);
	}

	public ChatMessage withComment(String text) {
		return new ChatMessage(id, role, content, feedback, text, state, createdAt);
	}

}
