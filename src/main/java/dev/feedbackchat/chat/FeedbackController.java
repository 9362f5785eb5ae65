package dev.feedbackchat.chat;

import java.util.UUID;

import dev.feedbackchat.feedback.Ratings;
import dev.feedbackchat.system.Rejections;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Ratings and comments. A request whose change the record refuses (another request rated or commented first,
 * on any instance) is answered 409 with the widget as recorded: locked, showing the stored rating.
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
	ResponseEntity<String> rate(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		return widget(ratings.rate(session, id, value));
	}

	/** The same rating from a plain form post, without JavaScript: back to the answer, which shows the record. */
	@PostMapping("/messages/{id}/feedback")
	String rateWithoutJs(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		recorded(ratings.rate(session, id, value));
		return "redirect:/#m-" + id;
	}

	@HxRequest
	@PostMapping("/messages/{id}/comment")
	ResponseEntity<String> comment(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			HttpSession session) {
		return widget(ratings.comment(session, id, comment));
	}

	@PostMapping("/messages/{id}/comment")
	String commentWithoutJs(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			HttpSession session) {
		recorded(ratings.comment(session, id, comment));
		return "redirect:/#m-" + id;
	}

	private ResponseEntity<String> widget(Ratings.Outcome outcome) {
		return ResponseEntity.status(recorded(outcome) ? HttpStatus.OK : HttpStatus.CONFLICT)
			.contentType(ChatController.HTML)
			.body(views.widget(outcome.turn(), outcome.latest(), outcome.refusal()));
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
