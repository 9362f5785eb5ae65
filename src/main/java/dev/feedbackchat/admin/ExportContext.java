package dev.feedbackchat.admin;

import org.springframework.util.StringUtils;

/** How much of the conversation a training example carries before its prompt: the {@code context} parameter. */
enum ExportContext {

	/** The prompt alone. */
	TURN,

	/** The turns before the prompt as well, up to chat.export.max-context-messages. */
	CONVERSATION;

	/** {@code null} when the parameter is absent or empty. */
	static ExportContext parse(String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		return switch (value.strip()) {
			case "turn" -> TURN;
			case "conversation" -> CONVERSATION;
			default -> throw new InvalidFilterException("admin.filter.invalid.context", value);
		};
	}

	int maxMessages(ExportProperties properties) {
		return this == TURN ? 0 : properties.maxContextMessages();
	}

}
