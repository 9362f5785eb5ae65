package dev.feedbackchat.system;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/** The page Spring Security forwards to when it refuses a request (a POST without a valid CSRF token). */
@Controller
class DeniedController {

	static final String PATH = "/denied";

	private final Rejections rejections;

	DeniedController(Rejections rejections) {
		this.rejections = rejections;
	}

	@RequestMapping(PATH)
	@HxErrorRegion
	ModelAndView denied() {
		return rejections.page(HttpStatus.FORBIDDEN,
				"This page has expired, so the request was refused. Reload the page and try again.");
	}

}
