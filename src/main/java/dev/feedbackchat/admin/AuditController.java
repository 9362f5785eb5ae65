package dev.feedbackchat.admin;

import java.security.Principal;

import dev.feedbackchat.privacy.AuditLog;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The audit log, newest first, a page at a time: sign-ins, exports, deletions, resends. */
@Controller
class AuditController {

	static final String AUDIT = "/admin/audit";

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping(AUDIT)
	ModelAndView audit(@RequestParam(required = false) String page, Principal admin) {
		int number = FilterParams.page(page);
		long total = audit.count();
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		return new ModelAndView("admin/audit").addObject("entries", audit.page(number, PAGE_SIZE))
			.addObject("page", number)
			.addObject("pages", pages)
			.addObject("total", total)
			.addObject("previous", number > 1 ? AUDIT + "?page=" + Math.min(number - 1, pages) : null)
			.addObject("next", number < pages ? AUDIT + "?page=" + (number + 1) : null)
			.addObject("username", admin.getName());
	}

}
