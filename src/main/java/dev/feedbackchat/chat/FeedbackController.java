package dev.feedbackchat.chat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.feedback.Ratings;
import dev.feedbackchat.system.Rejections;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Ratings and their details (reasons, comment, correction). A request whose change the record refuses (another
 * request rated or sent details first, on any instance) is answered 409 with the widget as recorded.
 */
@Controller
class FeedbackController {

	private final Ratings ratings;

	private final MessageViews views;

	private final Rejections rejections;

	FeedbackController(Ratings ratings, MessageViews views, Rejections rejections) {
		this.ratings = ratings;
		this.views = views;
		this.rejections = rejections;
	}

	@HxRequest
	@PostMapping("/messages/{id}/feedback")
	ResponseEntity<String> rate(@PathVariable UUID id, @RequestParam int value, HttpSession session, Locale locale) {
		return widget(ratings.rate(session, id, value), locale);
	}

	/** The same rating from a plain form post, without JavaScript: back to the answer, which shows the record. */
	@PostMapping("/messages/{id}/feedback")
	String rateWithoutJs(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		recorded(ratings.rate(session, id, value));
		return "redirect:/#m-" + id;
	}

	/** A rated answer's details, sent together once: reasons (repeated), comment and correction, each optional. */
	@HxRequest
	@PostMapping("/messages/{id}/comment")
	ResponseEntity<String> details(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			@RequestParam(defaultValue = "") String correction, HttpServletRequest request, HttpSession session,
			Locale locale) {
		return widget(ratings.details(session, id, reasons(request), comment, correction), locale);
	}

	@PostMapping("/messages/{id}/comment")
	String detailsWithoutJs(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			@RequestParam(defaultValue = "") String correction, HttpServletRequest request, HttpSession session) {
		recorded(ratings.details(session, id, reasons(request), comment, correction));
		return "redirect:/#m-" + id;
	}

	/** The chosen reasons, each as sent: a label may hold a comma, which a List parameter would split it at. */
	private static List<String> reasons(HttpServletRequest request) {
		String[] reasons = request.getParameterValues("reason");
		return reasons == null ? List.of() : List.of(reasons);
	}

	private ResponseEntity<String> widget(Ratings.Outcome outcome, Locale locale) {
		return ResponseEntity.status(recorded(outcome) ? HttpStatus.OK : HttpStatus.CONFLICT)
			.contentType(ChatController.HTML)
			.body(views.widget(outcome.turn(), outcome.latest(), outcome.refusal(), locale));
	}

	/** Whether the change was recorded; a refused one is counted as every refused request is (chat.rejected). */
	private boolean recorded(Ratings.Outcome outcome) {
		if (outcome.refusal() == null) {
			return true;
		}
		rejections.count(HttpStatus.CONFLICT);
		return false;
	}

}
