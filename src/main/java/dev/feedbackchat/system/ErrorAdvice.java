package dev.feedbackchat.system;

import java.util.Locale;

import dev.feedbackchat.model.Refused;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns refused requests into the error page with a short message: the domain's {@link Refused}, Spring's
 * status exceptions and malformed parameters. For htmx only that message replaces the page's error region. The
 * message is in the request's language: a refusal's code and a status's are resolved in the bundles.
 */
@ControllerAdvice
class ErrorAdvice {

	private final Rejections rejections;

	private final MessageSource messages;

	ErrorAdvice(Rejections rejections, MessageSource messages) {
		this.rejections = rejections;
		this.messages = messages;
	}

	@ExceptionHandler(Refused.class)
	@HxErrorRegion
	ModelAndView refused(Refused ex, HttpServletResponse response, Locale locale) {
		if (ex.retryAfterSeconds() > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		}
		return rejections.page(status(ex.reason()), messages.getMessage(ex, locale));
	}

	@ExceptionHandler(ResponseStatusException.class)
	@HxErrorRegion
	ModelAndView statusException(ResponseStatusException ex, Locale locale) {
		// Its reason is not shown (it is written for developers): the status's own message is.
		return rejections.page(ex.getStatusCode(),
				messages.getMessage(StatusMessages.of(ex.getStatusCode().value()), null, locale));
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	@HxErrorRegion
	ModelAndView malformed(Exception ex, Locale locale) {
		String parameter = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ((MissingServletRequestParameterException) ex).getParameterName();
		return rejections.page(HttpStatus.BAD_REQUEST,
				messages.getMessage("error.parameter", new Object[] { parameter }, locale));
	}

	private static HttpStatus status(Refused.Reason reason) {
		return switch (reason) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
		};
	}

}
