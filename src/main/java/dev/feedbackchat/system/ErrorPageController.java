package dev.feedbackchat.system;

import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the servlet container sends every error it did not get a page for (a {@code sendError} by Spring MVC,
 * Spring Security's firewall, an exception that escaped): the app's error page with a short message for its
 * status in the request's language, HTML whatever the Accept header, for htmx just the message in the error
 * region. It replaces Spring Boot's BasicErrorController, which answers JSON to anything but a browser. Asked for
 * directly, {@code /error} is an address like any other that has nothing: 404.
 */
@Controller
class ErrorPageController implements ErrorController {

	private final Rejections rejections;

	private final MessageSource messages;

	ErrorPageController(Rejections rejections, MessageSource messages) {
		this.rejections = rejections;
		this.messages = messages;
	}

	@RequestMapping("${server.error.path:/error}")
	@HxErrorRegion
	ModelAndView error(HttpServletRequest request, Locale locale) {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return rejections.page(HttpStatus.NOT_FOUND, message(HttpStatus.NOT_FOUND, locale));
		}
		HttpStatusCode status = HttpStatusCode.valueOf(
				request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500);
		String message = message(status, locale);
		return status.is5xxServerError() ? rejections.failure(status, message) : rejections.page(status, message);
	}

	private String message(HttpStatusCode status, Locale locale) {
		return messages.getMessage(StatusMessages.of(status.value()), null, locale);
	}

}
