package dev.feedbackchat.model;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessageTests {

	static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	static String shown(String stored, Locale locale) {
		return MESSAGES.getMessage(FailureMessage.parse(stored), locale);
	}

	@Test
	void aCodeWithArgumentsIsShownInEachLanguage() {
		String stored = FailureMessage.of("answer.failed.model.timeout", 60);
		assertThat(shown(stored, Locale.ENGLISH)).isEqualTo("The model server did not answer within 60 seconds.");
		assertThat(shown(stored, Locale.GERMAN))
			.isEqualTo("Der Modellserver hat nicht innerhalb von 60 Sekunden geantwortet.");
		assertThat(shown(FailureMessage.of("answer.failed.model.timeout", 1), Locale.ENGLISH))
			.isEqualTo("The model server did not answer within 1 second.");
	}

	@Test
	void textArgumentsStayText() {
		String stored = FailureMessage.of("answer.failed.model.error", "Overloaded: 42 {0} it's \u001F full");
		assertThat(shown(stored, Locale.ENGLISH))
			.isEqualTo("The model server reported an error: Overloaded: 42 {0} it's   full");
	}

	@Test
	void aCodeWithoutArguments() {
		assertThat(shown("answer.failed.notSaved", Locale.GERMAN))
			.isEqualTo("Diese Antwort konnte nicht gespeichert werden und kann daher nicht bewertet werden.");
	}

	@Test
	void textStoredBeforeTheCodesOrUnknownCodesAreShownAsTheyStand() {
		assertThat(shown("The model server did not answer within 60 seconds.", Locale.GERMAN))
			.isEqualTo("The model server did not answer within 60 seconds.");
		assertThat(shown("answer.failed.noSuchCode", Locale.ENGLISH)).isEqualTo("answer.failed.noSuchCode");
		assertThat(shown("It's {0} here", Locale.ENGLISH)).isEqualTo("It's {0} here");
	}

}
