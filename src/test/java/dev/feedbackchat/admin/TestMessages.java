package dev.feedbackchat.admin;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The application's message bundles as Spring Boot configures them, for unit tests without a context. */
final class TestMessages {

	static final MessageSource BUNDLES = bundles();

	private TestMessages() {
	}

	private static MessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
