package dev.feedbackchat.system;

import dev.feedbackchat.model.Refused;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReselect;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReswap;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRetarget;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxSwapType;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Turns refused requests into the error page with a short message. For htmx the response headers swap
 * only that message into the page's error region, so the chat stays as it was.
 */
@ControllerAdvice
class ErrorAdvice {

	static final String ERROR_REGION = "#error";

	static final String ERROR_MESSAGE = ".alert";

	private final Rejections rejections;

	ErrorAdvice(Rejections rejections) {
		this.rejections = rejections;
	}

	@ExceptionHandler(ResponseStatusException.class)
	@HxRetarget(ERROR_REGION)
	@HxReswap(HxSwapType.INNER_HTML)
	@HxReselect(ERROR_MESSAGE)
	ModelAndView refused(ResponseStatusException ex) {
		return rejections.page(ex.getStatusCode(), ex.getReason());
	}

	@ExceptionHandler(Refused.class)
	@HxRetarget(ERROR_REGION)
	@HxReswap(HxSwapType.INNER_HTML)
	@HxReselect(ERROR_MESSAGE)
	ModelAndView refused(Refused ex) {
		HttpStatus status = switch (ex.reason()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
		};
		return rejections.page(status, ex.getMessage());
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	@HxRetarget(ERROR_REGION)
	@HxReswap(HxSwapType.INNER_HTML)
	@HxReselect(ERROR_MESSAGE)
	ModelAndView malformed(Exception ex) {
		String parameter = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ((MissingServletRequestParameterException) ex).getParameterName();
		return rejections.page(HttpStatus.BAD_REQUEST, "The request has a missing or invalid '%s'.".formatted(parameter));
	}

}
