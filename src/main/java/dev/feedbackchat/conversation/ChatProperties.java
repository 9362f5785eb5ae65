package dev.feedbackchat.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on what one conversation accepts and keeps.
 *
 * @param prompt  {@code chat.prompt.max-length}: longest prompt accepted, in characters
 * @param history {@code chat.history.max-messages}: messages kept per session, oldest dropped first;
 *                {@code chat.history.page-size}: messages the page shows at first and per "Show earlier messages";
 *                {@code chat.history.max-answers}: answers kept per prompt (Regenerate is refused beyond)
 */
@ConfigurationProperties("chat")
public record ChatProperties(Prompt prompt, History history) {

	public record Prompt(int maxLength) {
	}

	public record History(int maxMessages, int pageSize, int maxAnswers) {

		public History {
			if (maxAnswers < 1) {
				throw new IllegalArgumentException("chat.history.max-answers must be at least 1");
			}
		}

	}

}
