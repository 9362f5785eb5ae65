package dev.feedbackchat.feedback;

import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.chat.ChatMessage;
import dev.feedbackchat.chat.Conversation;
import dev.feedbackchat.chat.Conversations;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.FragmentsRendering;

@Controller
class FeedbackController {

	private final Conversations conversations;

	private final FeedbackPolicy policy;

	FeedbackController(Conversations conversations, FeedbackPolicy policy) {
		this.conversations = conversations;
		this.policy = policy;
	}

	@HxRequest
	@PostMapping("/messages/{id}/feedback")
	FragmentsRendering rate(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		Conversation conversation = conversations.current(session);
		ChatMessage rated = save(conversation, id, value);
		return FragmentsRendering.fragment("feedback/widget :: widget", Map.of("widget", policy.widget(conversation, rated)))
			.fragment("fragments/error :: region", Map.of("oob", true))
			.build();
	}

	/** The same rating from a plain form post, without JavaScript: back to the chat. */
	@PostMapping("/messages/{id}/feedback")
	String rateWithoutJs(@PathVariable UUID id, @RequestParam int value, HttpSession session) {
		save(conversations.current(session), id, value);
		return "redirect:/#m-" + id;
	}

	/** Checks and saves atomically, so of concurrent ratings of a locked message exactly one wins. */
	private ChatMessage save(Conversation conversation, UUID id, int value) {
		if (value != FeedbackPolicy.DOWN && value != FeedbackPolicy.UP) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A rating is 0 (thumbs down) or 1 (thumbs up).");
		}
		return conversation.update(id, message -> {
			policy.refusal(conversation, message).ifPresent(reason -> {
				throw new ResponseStatusException(HttpStatus.CONFLICT, reason);
			});
			return message.withFeedback(value);
		});
	}

}
