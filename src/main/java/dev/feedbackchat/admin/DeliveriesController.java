package dev.feedbackchat.admin;

import java.security.Principal;
import java.time.Instant;

import dev.feedbackchat.model.Refused;
import dev.feedbackchat.privacy.AuditLog;
import dev.feedbackchat.webhooks.Outbox;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The Deliveries page: the most recent webhook events with where each stands, and a Resend button for a dead one
 * (a plain form POST with its CSRF token, then back to the page).
 */
@Controller
class DeliveriesController {

	static final String DELIVERIES = "/admin/deliveries";

	static final int SHOWN = 100;

	private final Outbox outbox;

	private final AuditLog audit;

	DeliveriesController(Outbox outbox, AuditLog audit) {
		this.audit = audit;
		this.outbox = outbox;
	}

	@GetMapping(DELIVERIES)
	ModelAndView deliveries(@RequestParam(required = false) Long resent, Principal admin) {
		return new ModelAndView("admin/deliveries").addObject("deliveries", outbox.recent(SHOWN))
			.addObject("counts", outbox.countByStatus())
			.addObject("shown", SHOWN)
			.addObject("resent", resent)
			.addObject("username", admin.getName());
	}

	@PostMapping(DELIVERIES + "/{id}/resend")
	String resend(@PathVariable long id) {
		if (!outbox.resend(id, Instant.now())) {
			throw Refused.conflict("refused.deliveries.notDead", Long.toString(id));
		}
		audit.record(AuditLog.RESEND, "webhook event " + id);
		return "redirect:" + DELIVERIES + "?resent=" + id;
	}

}
