package dev.feedbackchat.feedback;

import dev.feedbackchat.model.FeedbackScale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.feedbackchat.chat.ChatMessage;
import dev.feedbackchat.chat.Conversation;
import dev.feedbackchat.chat.Conversations;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.Rating;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * Ratings and comments. Each is checked against the session's copy of the message, then written to the
 * database, and only then to the session: a failed write leaves the page showing the answer as unrated.
 */
@Controller
class FeedbackController {

	private final Conversations conversations;

	private final FeedbackPolicy policy;

	private final ChatRecord record;

	private final MeterRegistry meters;

	FeedbackController(Conversations conversations, FeedbackPolicy policy, ChatRecord record, MeterRegistry meters) {
		this.conversations = conversations;
		this.policy = policy;
		this.record = record;
		this.meters = meters;
	}

	@HxRequest
	@PostMapping("/messages/{id}/feedback")
	FragmentsRendering rate(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		return widget(session, id, (conversation, message) -> rate(conversation, message, value));
	}

	/** The same rating from a plain form post, without JavaScript: back to the answer. */
	@PostMapping("/messages/{id}/feedback")
	String rateWithoutJs(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		change(conversations.current(session), id, (conversation, message) -> rate(conversation, message, value));
		return "redirect:/#m-" + id;
	}

	@HxRequest
	@PostMapping("/messages/{id}/comment")
	FragmentsRendering comment(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			HttpSession session) {
		return widget(session, id, (conversation, message) -> comment(conversation, message, comment));
	}

	@PostMapping("/messages/{id}/comment")
	String commentWithoutJs(@PathVariable UUID id, @RequestParam(defaultValue = "") String comment,
			HttpSession session) {
		change(conversations.current(session), id, (conversation, message) -> comment(conversation, message, comment));
		return "redirect:/#m-" + id;
	}

	private FragmentsRendering widget(HttpSession session, UUID id,
			BiFunction<Conversation, ChatMessage, ChatMessage> change) {
		Conversation conversation = conversations.current(session);
		ChatMessage changed = change(conversation, id, change);
		return FragmentsRendering.fragment("feedback/widget :: widget", Map.of("widget", policy.widget(conversation, changed)))
			.fragment("fragments/error :: region", Map.of("oob", true))
			.build();
	}

	/** Checks, stores and updates the session atomically, so of concurrent requests exactly one wins. */
	private static ChatMessage change(Conversation conversation, UUID id,
			BiFunction<Conversation, ChatMessage, ChatMessage> change) {
		try {
			return conversation.update(id, message -> change.apply(conversation, message));
		}
		catch (DataAccessException ex) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"Your feedback could not be saved. Please try again in a moment.", ex);
		}
	}

	private ChatMessage rate(Conversation conversation, ChatMessage message, int value) {
		FeedbackScale scale = policy.scale();
		if (!scale.accepts(value)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A rating on the %s scale is a number from 0 to %d.".formatted(scale.id(), scale.max()));
		}
		policy.refusal(conversation, message).ifPresent(FeedbackController::conflict);
		Rating rating = new Rating(scale, value);
		if (policy.ratingsChangeable()) {
			record.rate(message.id(), rating);
		}
		else if (!record.rateOnce(message.id(), rating)) {
			conflict("This answer has already been rated.");
		}
		meters.counter("chat.ratings", "scale", rating.scale().id(), "value", Integer.toString(value)).increment();
		return message.withFeedback(value);
	}

	private ChatMessage comment(Conversation conversation, ChatMessage message, String comment) {
		String text = comment.replace("\r\n", "\n").strip();
		if (text.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Write a comment before sending it.");
		}
		int length = text.codePointCount(0, text.length());
		if (length > FeedbackPolicy.COMMENT_MAX_LENGTH) {
			throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "Your comment is %,d characters long; the limit is %,d."
				.formatted(length, FeedbackPolicy.COMMENT_MAX_LENGTH));
		}
		policy.commentRefusal(conversation, message).ifPresent(FeedbackController::conflict);
		if (!record.commentOnce(message.id(), text)) {
			conflict("This answer already has a comment.");
		}
		return message.withComment(text);
	}

	private static void conflict(String reason) {
		throw new ResponseStatusException(HttpStatus.CONFLICT, reason);
	}

}
