package dev.feedbackchat.system;

import dev.feedbackchat.model.Refused;
import jakarta.servlet.http.HttpServletResponse;

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
 * status exceptions and malformed parameters. For htmx only that message replaces the page's error region.
 */
@ControllerAdvice
class ErrorAdvice {

	private final Rejections rejections;

	ErrorAdvice(Rejections rejections) {
		this.rejections = rejections;
	}

	@ExceptionHandler(Refused.class)
	@HxErrorRegion
	ModelAndView refused(Refused ex, HttpServletResponse response) {
		if (ex.retryAfterSeconds() > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		}
		return rejections.page(status(ex.reason()), ex.getMessage());
	}

	@ExceptionHandler(ResponseStatusException.class)
	@HxErrorRegion
	ModelAndView statusException(ResponseStatusException ex) {
		return rejections.page(ex.getStatusCode(), ex.getReason());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	@HxErrorRegion
	ModelAndView malformed(Exception ex) {
		String parameter = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ((MissingServletRequestParameterException) ex).getParameterName();
		return rejections.page(HttpStatus.BAD_REQUEST, "The request has a missing or invalid '%s'.".formatted(parameter));
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
