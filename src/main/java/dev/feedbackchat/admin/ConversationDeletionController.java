package dev.feedbackchat.admin;

import java.security.Principal;
import java.util.UUID;

import dev.feedbackchat.model.Refused;
import dev.feedbackchat.privacy.Deletions;
import dev.feedbackchat.store.RecordedConversation;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Delete conversation" of the dashboard's table: a confirm page that says what the record holds of it, whose
 * form (with its CSRF token) deletes it and leads back to the dashboard.
 */
@Controller
class ConversationDeletionController {

	static final String DELETE = "/admin/conversations/{id}/delete";

	private final Deletions deletions;

	ConversationDeletionController(Deletions deletions) {
		this.deletions = deletions;
	}

	@GetMapping(DELETE)
	ModelAndView confirm(@PathVariable UUID id, Principal admin) {
		RecordedConversation conversation = deletions.recorded(id).orElseThrow(ConversationDeletionController::unknown);
		return new ModelAndView("admin/delete").addObject("conversation", conversation)
			.addObject("username", admin.getName());
	}

	@PostMapping(DELETE)
	String delete(@PathVariable UUID id, Principal admin) {
		deletions.byAdmin(id, admin).orElseThrow(ConversationDeletionController::unknown);
		return "redirect:" + AdminController.DASHBOARD;
	}

	private static Refused unknown() {
		return Refused.notFound("refused.conversation.notInRecord");
	}

}
