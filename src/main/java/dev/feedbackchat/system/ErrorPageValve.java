package dev.feedbackchat.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for the errors it answers before the request reaches the app, such as a malformed
 * address ({@code /%}, an encoded slash) or headers too large: instead of Tomcat's page, the app's error page
 * as a static copy (no template can run here) with its short message and {@link SecurityHeaders}. Errors of
 * the app have their page already and are left alone.
 */
class ErrorPageValve extends ErrorReportValve {

	private final String contextPath;

	ErrorPageValve(String contextPath) {
		this.contextPath = contextPath;
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
				writer.write(StaticErrorPage.html(contextPath, StatusMessages.of(status)));
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response committed: there is no one left to show the page to.
		}
	}

}
