package dev.feedbackchat.feedback;

import java.util.Optional;

import dev.feedbackchat.chat.ChatMessage;
import dev.feedbackchat.chat.Conversation;

import org.springframework.stereotype.Component;

/** Decides, for the configured mode, which answers can be rated; the page and the server use the same rule. */
@Component
public class FeedbackPolicy {

	public static final int DOWN = 0;

	public static final int UP = 1;

	private final FeedbackMode mode;

	FeedbackPolicy(FeedbackProperties properties) {
		this.mode = properties.mode();
	}

	/** The widget to show under a message, or {@code null} where none belongs (prompts, streaming answers). */
	public FeedbackWidget widget(Conversation conversation, ChatMessage message) {
		if (!message.isAssistant() || message.isStreaming()) {
			return null;
		}
		boolean buttons = mode != FeedbackMode.LATEST_ONLY || conversation.isLatestAnswer(message.id());
		boolean enabled = buttons && refusal(conversation, message).isEmpty();
		return new FeedbackWidget(message.id(), buttons, enabled, message.feedback());
	}

	/** Why this message cannot be rated now, or empty if it can. */
	Optional<String> refusal(Conversation conversation, ChatMessage message) {
		if (!message.isAssistant()) {
			return Optional.of("Only answers can be rated.");
		}
		if (message.isStreaming()) {
			return Optional.of("Wait until the answer is complete before rating it.");
		}
		if (mode == FeedbackMode.LATEST_ONLY && !conversation.isLatestAnswer(message.id())) {
			return Optional.of("Only the latest answer can be rated.");
		}
		if (mode != FeedbackMode.CHANGEABLE && message.isRated()) {
			return Optional.of("This answer has already been rated.");
		}
		return Optional.empty();
	}

}
