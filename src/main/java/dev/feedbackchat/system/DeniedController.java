package dev.feedbackchat.system;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The page Spring Security forwards to when it refuses a request (a POST without a valid CSRF token). */
@Controller
class DeniedController {

	static final String PATH = "/denied";

	private final Rejections rejections;

	private final MessageSource messages;

	DeniedController(Rejections rejections, MessageSource messages) {
		this.rejections = rejections;
		this.messages = messages;
	}

	@RequestMapping(PATH)
	@HxErrorRegion
	ModelAndView denied(Locale locale) {
		return rejections.page(HttpStatus.FORBIDDEN, messages.getMessage("error.denied", null, locale));
	}

}
