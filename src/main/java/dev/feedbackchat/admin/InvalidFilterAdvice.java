package dev.feedbackchat.admin;

import java.util.Locale;
import java.util.Map;

import dev.feedbackchat.system.Rejections;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A filter the exports or the audit log cannot read: 400 and the error page with the message in the request's
 * language, counted like every refusal. (The dashboard shows it where its results would be.)
 */
@ControllerAdvice(assignableTypes = { ExportController.class, AuditController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidFilterAdvice {

	private final MessageSource messages;

	private final Rejections rejections;

	InvalidFilterAdvice(MessageSource messages, Rejections rejections) {
		this.messages = messages;
		this.rejections = rejections;
	}

	@ExceptionHandler(InvalidFilterException.class)
	ModelAndView invalidFilter(InvalidFilterException ex, Locale locale) {
		rejections.count(HttpStatus.BAD_REQUEST);
		return new ModelAndView("error",
				Map.of("status", HttpStatus.BAD_REQUEST.value(), "message", ex.text(messages, locale)),
				HttpStatus.BAD_REQUEST);
	}

}
