package dev.feedbackchat.chat;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the history, the tutorial's {role, content, feedback} plus an id, a state, the optional
 * comment on the rating, when the message was written and, for an answer, what produced it.
 *
 * @param feedback         the rating, {@code null} until the user gives one
 * @param comment          the comment on the rating, {@code null} until the user writes one
 * @param responder        what produced an answer ("echo", "openai"); {@code null} for prompts
 * @param model            the model behind an answer; {@code null} for prompts
 * @param firstTokenMillis time from the prompt to an answer's first text, once known
 * @param error            why a failed answer failed, shown to the user
 * @param instance         the app instance generating an answer ({@code Instances}); {@code null} for prompts
 */
public record ChatMessage(UUID id, Role role, String content, Integer feedback, String comment, MessageState state,
		Instant createdAt, String responder, String model, Long firstTokenMillis, String error, String instance)
		implements Serializable {

	static ChatMessage user(String prompt) {
		return new ChatMessage(UUID.randomUUID(), Role.USER, prompt, null, null, MessageState.COMPLETE, Instant.now(),
				null, null, null, null, null);
	}

	static ChatMessage pendingAnswer(String responder, String model, String instance) {
		return new ChatMessage(UUID.randomUUID(), Role.ASSISTANT, "", null, null, MessageState.STREAMING,
				Instant.now(), responder, model, null, null, instance);
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

	public boolean isStopped() {
		return state == MessageState.STOPPED;
	}

	/** Finished answers that can be rated: complete, or stopped by the user. */
	public boolean isRateable() {
		return isAssistant() && (state == MessageState.COMPLETE || state == MessageState.STOPPED);
	}

	public boolean isRated() {
		return feedback != null;
	}

	ChatMessage withProgress(String text, MessageState newState, Long firstToken, String why) {
		return new ChatMessage(id, role, text, feedback, comment, newState, createdAt, responder, model, firstToken, why,
				instance);
	}

	/** A failed answer generated again, from now, by {@code by}. */
	ChatMessage restarted(String by) {
		return new ChatMessage(id, role, "", null, null, MessageState.STREAMING, Instant.now(), responder, model, null,
				null, by);
	}

	public ChatMessage withFeedback(int value) {
		return new ChatMessage(id, role, content, value, comment, state, createdAt, responder, model, firstTokenMillis,
				error, instance);
	}

	public ChatMessage withComment(String text) {
		return new ChatMessage(id, role, content, feedback, text, state, createdAt, responder, model, firstTokenMillis,
				error, instance);
	}

}
