package dev.feedbackchat.system;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Tomcat's error report for the errors it answers before the request reaches the app, such as a malformed
 * address ({@code /%}, an encoded slash) or headers too large: instead of Tomcat's page, the app's error page
 * as a static copy (no template can run here) with its short message (in the request's language) and
 * {@link SecurityHeaders}. Errors of the app have their page already and are left alone.
 */
class ErrorPageValve extends ErrorReportValve {

	private final String contextPath;

	private final MessageSource messages;

	/** The application's: these pages speak the language of every other page. */
	private final LocaleResolver locales;

	ErrorPageValve(String contextPath, MessageSource messages, LocaleResolver locales) {
		this.contextPath = contextPath;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			SecurityHeaders.write(request, response);
			response.setContentType("text/html");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				Locale locale = locales.resolveLocale(request);
				writer.write(StaticErrorPage.html(contextPath,
						messages.getMessage(StatusMessages.of(status), null, locale), messages, locale));
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: there is no one left to show the page to.
		}
	}

}
