package dev.feedbackchat.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training-data exports.
 *
 * @param maxContextMessages {@code chat.export.max-context-messages}: most messages of the conversation before a
 *                           prompt that an example carries (context=conversation); whole turns, oldest dropped
 *                           first; 0 gives the prompt alone
 */
@ConfigurationProperties("chat.export")
public record ExportProperties(@DefaultValue("20") int maxContextMessages) {

	public ExportProperties {
		if (maxContextMessages < 0) {
			throw new IllegalArgumentException("chat.export.max-context-messages must be 0 or more");
		}
	}

}
