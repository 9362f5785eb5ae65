package dev.feedbackchat.chat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.stream.LiveAnswers;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.FragmentsRendering;

/**
 * The chat page, prompts and answer streams. Every handler that has an htmx variant also has a plain twin,
 * so the page works as ordinary forms and links without JavaScript.
 */
@Controller
class ChatController {

	private static final Logger log = LoggerFactory.getLogger(ChatController.class);

	private final Conversations conversations;

	private final LiveAnswers answers;

	private final FeedbackPolicy feedback;

	private final ChatRecord record;

	private final Answering answering;

	private final MarkdownRenderer markdown;

	private final ChatProperties properties;

	ChatController(Conversations conversations, LiveAnswers answers, FeedbackPolicy feedback, ChatRecord record,
			Answering answering, MarkdownRenderer markdown, ChatProperties properties) {
		this.conversations = conversations;
		this.answers = answers;
		this.feedback = feedback;
		this.record = record;
		this.answering = answering;
		this.markdown = markdown;
		this.properties = properties;
	}

	/**
	 * The page with the latest messages ({@code chat.history.page-size}, or {@code show} of them: the
	 * "Show earlier messages" link without JavaScript).
	 */
	@GetMapping("/")
	String page(@RequestParam(required = false) Integer show, HttpSession session, Model model) {
		int size = properties.history().pageSize();
		if (show != null && show < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'show' must be a positive number of messages.");
		}
		Conversation conversation = conversations.current(session);
		model.addAllAttributes(window(conversation, conversation.window(null, show != null ? show : size)));
		model.addAttribute("streaming", conversation.isStreaming());
		return "chat/page";
	}

	/** The page of messages before {@code before}, swapped in place of the "Show earlier messages" link. */
	@HxRequest
	@GetMapping("/messages")
	FragmentsRendering earlier(@RequestParam UUID before, HttpSession session) {
		Conversation conversation = conversations.current(session);
		return FragmentsRendering
			.fragment("chat/messages :: window", window(conversation, conversation.window(before, properties.history().pageSize())))
			.build();
	}

	@GetMapping("/messages")
	String earlierWithoutJs() {
		return "redirect:/";
	}

	@HxRequest
	@PostMapping("/messages")
	FragmentsRendering send(@RequestParam(defaultValue = "") String prompt, HttpSession session) {
		Conversation conversation = conversations.current(session);
		Conversation.Turn turn = startTurn(conversation, prompt);
		return FragmentsRendering.fragment("chat/messages :: message", Map.of("view", view(conversation, turn.prompt())))
			.fragment("chat/messages :: message", Map.of("view", view(conversation, turn.answer())))
			.fragment("chat/composer :: composer", Map.of("streaming", true, "oob", true))
			.fragment("fragments/error :: region", Map.of("oob", true))
			.build();
	}

	@PostMapping("/messages")
	String sendWithoutJs(@RequestParam(defaultValue = "") String prompt, HttpSession session) {
		startTurn(conversations.current(session), prompt);
		return "redirect:/";
	}

	/** One message as it is now; the page fetches it when its stream closes, to show the rating buttons. */
	@HxRequest
	@GetMapping("/messages/{id}")
	FragmentsRendering message(@PathVariable UUID id, HttpSession session) {
		Conversation conversation = conversations.current(session);
		return FragmentsRendering.fragment("chat/messages :: message", Map.of("view", view(conversation, conversation.get(id))))
			.fragment("chat/composer :: composer", Map.of("streaming", conversation.isStreaming(), "oob", true))
			.build();
	}

	@GetMapping("/messages/{id}")
	String messageWithoutJs(@PathVariable UUID id) {
		return "redirect:/#m-" + id;
	}

	/**
	 * The answer as Server-Sent Events: a {@code chunk} event per piece of text, its id the answer's length
	 * in code points so far, then one {@code done} event. A reconnecting EventSource sends Last-Event-ID and
	 * resumes right after it; a first connection starts at {@code from}, what the page already shows.
	 */
	@GetMapping(path = "/messages/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(@PathVariable UUID id, @RequestParam(defaultValue = "0") int from,
			@RequestHeader(name = "Last-Event-ID", required = false) Integer lastEventId, HttpSession session,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		conversations.reading(session).get(id);
		answers.stream(id, lastEventId != null ? lastEventId : from, request, response, () -> "");
	}

	/** Stops an answer being generated; its stream then closes and the page shows the partial answer. */
	@HxRequest
	@PostMapping("/messages/{id}/stop")
	ResponseEntity<Void> stop(@PathVariable UUID id, HttpSession session) {
		stopGenerating(conversations.current(session), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/messages/{id}/stop")
	String stopWithoutJs(@PathVariable UUID id, HttpSession session) {
		stopGenerating(conversations.current(session), id);
		return "redirect:/#m-" + id;
	}

	/** Generates a failed answer again: the streaming answer replaces the failed one in the page. */
	@HxRequest
	@PostMapping("/messages/{id}/retry")
	FragmentsRendering retry(@PathVariable UUID id, HttpSession session) {
		Conversation conversation = conversations.current(session);
		Conversation.Turn turn = retryTurn(conversation, id);
		return FragmentsRendering.fragment("chat/messages :: message", Map.of("view", view(conversation, turn.answer())))
			.fragment("chat/composer :: composer", Map.of("streaming", true, "oob", true))
			.fragment("fragments/error :: region", Map.of("oob", true))
			.build();
	}

	@PostMapping("/messages/{id}/retry")
	String retryWithoutJs(@PathVariable UUID id, HttpSession session) {
		Conversation conversation = conversations.current(session);
		retryTurn(conversation, id);
		return "redirect:/#m-" + id;
	}

	private void stopGenerating(Conversation conversation, UUID id) {
		if (!conversation.get(id).isStreaming() || !answers.stop(id)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "This answer is not being generated.");
		}
	}

	@HxRequest
	@PostMapping("/conversation/new")
	FragmentsRendering newChat(HttpSession session) {
		conversations.startNew(session);
		return FragmentsRendering.fragment("chat/messages :: list", window(null, Conversation.Window.EMPTY))
			.fragment("chat/composer :: composer", Map.of("streaming", false, "oob", true))
			.fragment("fragments/error :: region", Map.of("oob", true))
			.build();
	}

	@PostMapping("/conversation/new")
	String newChatWithoutJs(HttpSession session) {
		conversations.startNew(session);
		return "redirect:/";
	}

	private Conversation.Turn retryTurn(Conversation conversation, UUID id) {
		refuseWhileShuttingDown();
		Conversation.Turn turn = conversation.retry(id, answering.instance());
		try {
			// The failure is no longer this answer's end: no other instance may take it for that meanwhile.
			record.forgetFailed(id);
		}
		catch (DataAccessException ex) {
			// Not fatal: the retry's outcome replaces the recorded failure when it is stored.
			log.warn("Could not forget the failure of answer {}: {}", id, ex.getMessage());
		}
		answering.start(conversation, turn);
		return turn;
	}

	/** Checked before the conversation changes: no answer may start once the shutdown drain has begun. */
	private void refuseWhileShuttingDown() {
		if (!answers.accepting()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
					"The chat is restarting. Please send your message again in a moment.");
		}
	}

	private Conversation.Turn startTurn(Conversation conversation, String prompt) {
		// Browsers send a textarea's line breaks as CRLF; the user typed LF.
		String text = prompt.replace("\r\n", "\n");
		if (text.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Type a message before sending.");
		}
		int length = text.codePointCount(0, text.length());
		int max = properties.prompt().maxLength();
		if (length > max) {
			throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
					"Your message is %,d characters long; the limit is %,d.".formatted(length, max));
		}
		refuseWhileShuttingDown();
		Conversation.Turn turn = conversation.startTurn(text, answering.responderName(), answering.model(),
				answering.instance(), properties.history().maxMessages());
		answering.start(conversation, turn);
		return turn;
	}

	/** What the messages template needs to show a window: its messages and the link to the ones before. */
	private Map<String, Object> window(Conversation conversation, Conversation.Window window) {
		return Map.of("messages", window.messages().stream().map(m -> view(conversation, m)).toList(),
				"earlier", window.earlier(), "showMore", window.throughLatest() + properties.history().pageSize());
	}

	private MessageView view(Conversation conversation, ChatMessage message) {
		String content = message.content();
		boolean markdown = message.isAssistant() && !message.isStreaming() && !EchoResponder.NAME.equals(message.responder());
		return new MessageView(message, feedback.widget(conversation, message), content.codePointCount(0, content.length()),
				markdown ? this.markdown.html(content) : null,
				message.isFailed() && conversation.isLatestAnswer(message.id()));
	}

}
