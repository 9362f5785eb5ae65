package dev.feedbackchat.system;

import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every refused request ends here: it is counted ({@code chat.rejected}, tagged with the reason, the HTTP
 * status's name such as {@code conflict} or {@code content-too-large}) and shown as the error page with a
 * short message.
 */
@Component
public class Rejections {

	private final MeterRegistry meters;

	Rejections(MeterRegistry meters) {
		this.meters = meters;
	}

	ModelAndView page(HttpStatusCode status, String message) {
		count(status);
		return failure(status, message);
	}

	/** The error page for a request that failed on the server's side rather than being refused: not counted. */
	ModelAndView failure(HttpStatusCode status, String message) {
		return new ModelAndView("error", Map.of("status", status.value(), "message", message), status);
	}

	/** Counts a refusal answered with something other than the error page (a refused rating shows its widget). */
	public void count(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		String reason = known != null ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : Integer.toString(status.value());
		meters.counter("chat.rejected", "reason", reason).increment();
	}

}
