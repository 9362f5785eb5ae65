package dev.feedbackchat;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The application's message bundles as Spring Boot configures them, for unit tests without a context. */
public final class TestMessages {

	public static final MessageSource BUNDLES = bundles();

	private TestMessages() {
	}

	/** A message code's English text (messages.properties). */
	public static String english(String code, Object... arguments) {
		return BUNDLES.getMessage(code, arguments, Locale.ENGLISH);
	}

	private static MessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
