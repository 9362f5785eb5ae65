package dev.feedbackchat.preferences;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages the pages are written in; English is the default. */
enum Language {

	EN(Locale.ENGLISH), DE(Locale.GERMAN);

	private static final List<Locale> LOCALES = Arrays.stream(values()).map(Language::locale).toList();

	private final Locale locale;

	Language(Locale locale) {
		this.locale = locale;
	}

	Locale locale() {
		return locale;
	}

	/** Its code as the form and the cookie carry it: {@code en}, {@code de}. */
	String code() {
		return locale.getLanguage();
	}

	static Optional<Language> of(String code) {
		return Arrays.stream(values()).filter(language -> language.code().equals(code)).findFirst();
	}

	/**
	 * The best match of an Accept-Language header (RFC 4647 lookup, in the order of its q-values: "de-CH" is
	 * German); none for no header, a malformed one or one without a supported language.
	 */
	static Optional<Language> accepted(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return Optional.empty();
		}
		try {
			Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LOCALES);
			return best == null ? Optional.empty() : of(best.getLanguage());
		}
		catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

}
