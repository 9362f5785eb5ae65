package dev.feedbackchat.preferences;

import java.util.Optional;

import dev.feedbackchat.model.Refused;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The header's form: saves the language and theme in their cookies and goes back to the page it came from (303,
 * so the reload is a GET). Anonymous like the chat; CSRF-protected like every POST.
 */
@Controller
class PreferencesController {

	static final String PATH = "/preferences";

	/**
	 * @param lang {@code en} or {@code de}
	 * @param theme {@code system} (clears the cookie), {@code light} or {@code dark}
	 * @param returnTo the page to go back to: a path of this app, else the chat
	 */
	@PostMapping(PATH)
	ResponseEntity<Void> save(@RequestParam(name = "lang", required = false) String lang,
			@RequestParam(name = "theme", required = false) String theme,
			@RequestParam(name = "return", required = false) String returnTo, HttpServletRequest request,
			HttpServletResponse response) {
		String back = LocalPath.of(returnTo).orElse("/");
		Optional<Language> language = Language.of(lang);
		Optional<Theme> chosen = Theme.of(theme);
		if (language.isEmpty() || chosen.isEmpty()) {
			// The error page's own form goes back where this one would have.
			request.setAttribute(PreferencesFilter.RETURN_TO, back);
			throw Refused.invalid("preferences.invalid");
		}
		PreferenceCookies.setLanguage(request, response, language.get());
		PreferenceCookies.setTheme(request, response, chosen.get());
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, request.getContextPath() + back)
			.build();
	}

}
