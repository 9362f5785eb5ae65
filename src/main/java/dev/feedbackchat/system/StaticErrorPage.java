package dev.feedbackchat.system;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/**
 * The error page for where no template can run: errors Tomcat answers before the app ({@link ErrorPageValve}) and
 * refusals that must not make a session ({@link NewSessionLimit}, since the rendered page carries a CSRF token).
 */
final class StaticErrorPage {

	private StaticErrorPage() {
	}

	/**
	 * The markup of templates/error.html as it renders without a model (scripts left out: the page has none), its
	 * texts in {@code locale}'s language.
	 *
	 * @param message the message, already in that language
	 */
	static String html(String contextPath, String message, MessageSource messages, Locale locale) {
		return """
				<!DOCTYPE html>
				<html lang="%3$s">
				<head>
				  <meta charset="utf-8">
				  <meta name="viewport" content="width=device-width, initial-scale=1">
				  <title>%4$s</title>
				  <link rel="icon" href="%1$s/favicon.svg" type="image/svg+xml">
				  <link rel="stylesheet" href="%1$s/css/chat.css">
				</head>
				<body class="error-page">
				<main>
				  <h1>%5$s</h1>
				  <p class="alert">%2$s</p>
				  <p><a href="%1$s/">%6$s</a></p>
				</main>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(contextPath), HtmlUtils.htmlEscape(message),
				HtmlUtils.htmlEscape(locale.toLanguageTag()), text(messages, "page.title.error", locale),
				text(messages, "app.name", locale), text(messages, "error.back", locale));
	}

	private static String text(MessageSource messages, String code, Locale locale) {
		return HtmlUtils.htmlEscape(messages.getMessage(code, null, locale));
	}

}
