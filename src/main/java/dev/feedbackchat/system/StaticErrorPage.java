package dev.feedbackchat.system;

import org.springframework.web.util.HtmlUtils;

/**
 * The error page for where no template can run: errors Tomcat answers before the app ({@link ErrorPageValve}) and
 * refusals that must not make a session ({@link NewSessionLimit}, since the rendered page carries a CSRF token).
 */
final class StaticErrorPage {

	private StaticErrorPage() {
	}

	/** The markup of templates/error.html as it renders without a model (scripts left out: the page has none). */
	static String html(String contextPath, String message) {
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				  <meta charset="utf-8">
				  <meta name="viewport" content="width=device-width, initial-scale=1">
				  <title>Feedback Chat: error</title>
				  <link rel="icon" href="%1$s/favicon.svg" type="image/svg+xml">
				  <link rel="stylesheet" href="%1$s/css/chat.css">
				</head>
				<body class="error-page">
				<main>
				  <h1>Feedback Chat</h1>
				  <p class="alert">%2$s</p>
				  <p><a href="%1$s/">Back to the chat</a></p>
				</main>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(contextPath), HtmlUtils.htmlEscape(message));
	}

}
