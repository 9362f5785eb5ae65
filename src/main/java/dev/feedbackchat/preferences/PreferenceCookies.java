package dev.feedbackchat.preferences;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The two cookies that keep a visitor's choices without a session: {@code lang} ({@code en} | {@code de}) and
 * {@code theme} ({@code light} | {@code dark}; none follows the system). Unknown values are ignored.
 */
final class PreferenceCookies {

	static final String LANGUAGE = "lang";

	static final String THEME = "theme";

	static final Duration MAX_AGE = Duration.ofDays(365);

	private PreferenceCookies() {
	}

	static Optional<Language> language(HttpServletRequest request) {
		return value(request, LANGUAGE).flatMap(Language::of);
	}

	/** LIGHT or DARK; empty when following the system. */
	static Optional<Theme> theme(HttpServletRequest request) {
		return value(request, THEME).flatMap(Theme::of).filter(theme -> theme != Theme.SYSTEM);
	}

	static void setLanguage(HttpServletRequest request, HttpServletResponse response, Language language) {
		write(request, response, LANGUAGE, language.code(), MAX_AGE);
	}

	/** SYSTEM clears the cookie. */
	static void setTheme(HttpServletRequest request, HttpServletResponse response, Theme theme) {
		if (theme == Theme.SYSTEM) {
			write(request, response, THEME, "", Duration.ZERO);
		}
		else {
			write(request, response, THEME, theme.id(), MAX_AGE);
		}
	}

	private static Optional<String> value(HttpServletRequest request, String name) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		return Arrays.stream(cookies).filter(cookie -> name.equals(cookie.getName())).map(Cookie::getValue).findFirst();
	}

	/** Not for scripts (HttpOnly), sent on top-level navigation only (Lax), Secure over HTTPS. */
	private static void write(HttpServletRequest request, HttpServletResponse response, String name, String value,
			Duration maxAge) {
		ResponseCookie cookie = ResponseCookie.from(name, value)
			.path("/")
			.maxAge(maxAge)
			.httpOnly(true)
			.sameSite("Lax")
			.secure(request.isSecure())
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

}
