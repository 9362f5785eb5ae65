package dev.feedbackchat.feedback;

import dev.feedbackchat.model.FeedbackScale;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.feedbackchat.chat.ChatMessage;
import dev.feedbackchat.chat.Conversation;
import dev.feedbackchat.feedback.FeedbackWidget.Choice;

import org.springframework.stereotype.Component;

/** Decides, for the configured mode and scale, what can be rated; the page and the server use the same rule. */
@Component
public class FeedbackPolicy {

	public static final int COMMENT_MAX_LENGTH = 2000;

	private final FeedbackMode mode;

	private final FeedbackScale scale;

	FeedbackPolicy(FeedbackProperties properties) {
		this.mode = properties.mode();
		this.scale = properties.scale();
	}

	FeedbackScale scale() {
		return scale;
	}

	boolean ratingsChangeable() {
		return mode == FeedbackMode.CHANGEABLE;
	}

	/** The widget to show under a message, or {@code null} where none belongs (prompts, unfinished answers). */
	public FeedbackWidget widget(Conversation conversation, ChatMessage message) {
		if (!message.isRateable()) {
			return null;
		}
		boolean buttons = mode != FeedbackMode.LATEST_ONLY || conversation.isLatestAnswer(message.id());
		boolean enabled = buttons && refusal(conversation, message).isEmpty();
		Integer value = message.feedback();
		List<Choice> choices = IntStream.rangeClosed(0, scale.max())
			.map(i -> scale == FeedbackScale.THUMBS ? scale.max() - i : i)
			.mapToObj(v -> new Choice(v, scale.label(v), scale.symbol(v), value != null && value == v,
					value != null && (value == v || (scale == FeedbackScale.STARS && v < value))))
			.toList();
		String rated = value != null && scale.accepts(value) ? scale.label(value) : null;
		String commentLabel = commentRefusal(conversation, message).isEmpty() ? commentQuestion(value) : null;
		return new FeedbackWidget(message.id(), scale.id(), buttons, enabled, choices, rated, message.comment(),
				commentLabel);
	}

	private String commentQuestion(int value) {
		return scale.isNegative(value) ? "What could be better?" : "Anything to add?";
	}

	/** Why this message cannot be rated now, or empty if it can. */
	Optional<String> refusal(Conversation conversation, ChatMessage message) {
		if (!message.isAssistant()) {
			return Optional.of("Only answers can be rated.");
		}
		if (message.isStreaming()) {
			return Optional.of("Wait until the answer is complete before rating it.");
		}
		if (message.isFailed()) {
			return Optional.of("This answer failed, so it cannot be rated.");
		}
		if (mode == FeedbackMode.LATEST_ONLY && !conversation.isLatestAnswer(message.id())) {
			return Optional.of("Only the latest answer can be rated.");
		}
		if (mode != FeedbackMode.CHANGEABLE && message.isRated()) {
			return Optional.of("This answer has already been rated.");
		}
		return Optional.empty();
	}

	/** Why this message cannot get a comment now, or empty if it can. */
	Optional<String> commentRefusal(Conversation conversation, ChatMessage message) {
		if (mode == FeedbackMode.LATEST_ONLY && !conversation.isLatestAnswer(message.id())) {
			return Optional.of("Only the latest answer can get a comment.");
		}
		if (!message.isRated()) {
			return Optional.of("Rate the answer before adding a comment.");
		}
		if (message.comment() != null) {
			return Optional.of("This answer already has a comment.");
		}
		return Optional.empty();
	}

}
