package dev.feedbackchat.preferences;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The page's language: the {@code lang} cookie when it names a supported language, else the best match of the
 * request's Accept-Language, else English; never the server's default locale (which a request without
 * Accept-Language would report as its own).
 */
class PreferredLocaleResolver implements LocaleResolver {

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return language(request).locale();
	}

	static Language language(HttpServletRequest request) {
		return PreferenceCookies.language(request)
			.or(() -> Language.accepted(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)))
			.orElse(Language.EN);
	}

	/** Sets the cookie to a supported language's (an unsupported one is refused); {@code null} sets English. */
	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Language language = locale == null ? Language.EN : Language.of(locale.getLanguage())
			.orElseThrow(() -> new IllegalArgumentException("Unsupported language: " + locale));
		PreferenceCookies.setLanguage(request, response, language);
	}

}
