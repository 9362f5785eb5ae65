package dev.feedbackchat.chat;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.conversation.Turns;
import dev.feedbackchat.privacy.Deletions;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chat page, prompts and answer streams. Every handler that has an htmx variant also has a plain twin,
 * so the page works as ordinary forms and links without JavaScript.
 */
@Controller
class ChatController {

	static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	/**
	 * Where a plain form that starts an answer leads: the page, which reloads itself while the answer streams. Not
	 * to the message's anchor: a refresh to a URL that differs only by its fragment is a jump within the page, not
	 * a reload, and the page would stay as it was.
	 */
	private static final String STREAMING = "redirect:/";

	private final Turns turns;

	private final Pages pages;

	private final MessageViews views;

	private final Deletions deletions;

	ChatController(Turns turns, Pages pages, MessageViews views, Deletions deletions) {
		this.deletions = deletions;
		this.turns = turns;
		this.pages = pages;
		this.views = views;
	}

	/**
	 * The page with the latest messages ({@code chat.history.page-size}, or {@code show} of them: the
	 * "Show earlier messages" link without JavaScript).
	 */
	@GetMapping("/")
	String page(@RequestParam(required = false) Integer show, HttpSession session, Locale locale, Model model) {
		model.addAllAttributes(pages.page(session, show, locale));
		return "chat/page";
	}

	/** The messages before {@code before}, swapped in place of the "Show earlier messages" link. */
	@HxRequest
	@GetMapping("/messages")
	String earlier(@RequestParam UUID before, HttpSession session, Locale locale, Model model) {
		model.addAllAttributes(pages.earlier(session, before, locale));
		return "chat/messages :: window";
	}

	@GetMapping("/messages")
	String earlierWithoutJs() {
		return "redirect:/";
	}

	@HxRequest
	@PostMapping("/messages")
	ResponseEntity<String> send(@RequestParam(defaultValue = "") String prompt, HttpSession session,
			HttpServletRequest request, Locale locale) {
		return html(views.started(turns.start(session, request.getRemoteAddr(), prompt), locale));
	}

	@PostMapping("/messages")
	String sendWithoutJs(@RequestParam(defaultValue = "") String prompt, HttpSession session,
			HttpServletRequest request) {
		turns.start(session, request.getRemoteAddr(), prompt);
		return STREAMING;
	}

	@GetMapping("/messages/{id}")
	String messageWithoutJs(@PathVariable UUID id) {
		return "redirect:/#m-" + id;
	}

	/**
	 * The answer as Server-Sent Events: a {@code chunk} event per piece of text, its id the answer's length in
	 * code points so far, then one {@code done} event carrying the finished message. A reconnecting EventSource
	 * sends Last-Event-ID and resumes right after it; a first connection starts at {@code from}, what the page
	 * already shows.
	 */
	@GetMapping(path = "/messages/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(@PathVariable UUID id, @RequestParam(defaultValue = "0") int from,
			@RequestHeader(name = "Last-Event-ID", required = false) Integer lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		// No HttpSession parameter: the session is read only when the answer's owner is not known here.
		turns.stream(request, response, id, lastEventId != null ? lastEventId : from);
	}

	/** Stops an answer being generated; its stream then closes and the page shows the partial answer. */
	@HxRequest
	@PostMapping("/messages/{id}/stop")
	ResponseEntity<Void> stop(@PathVariable UUID id, HttpSession session) {
		turns.stop(session, id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/messages/{id}/stop")
	String stopWithoutJs(@PathVariable UUID id, HttpSession session) {
		turns.stop(session, id);
		return "redirect:/#m-" + id;
	}

	/** Generates a failed answer again: the streaming answer replaces the failed one in the page. */
	@HxRequest
	@PostMapping("/messages/{id}/retry")
	ResponseEntity<String> retry(@PathVariable UUID id, HttpSession session, HttpServletRequest request,
			Locale locale) {
		return html(views.retried(turns.retry(session, request.getRemoteAddr(), id), locale));
	}

	@PostMapping("/messages/{id}/retry")
	String retryWithoutJs(@PathVariable UUID id, HttpSession session, HttpServletRequest request) {
		turns.retry(session, request.getRemoteAddr(), id);
		return STREAMING;
	}

	/** Generates another answer to the prompt of the latest answer: it streams in place of the one shown. */
	@HxRequest
	@PostMapping("/messages/{id}/regenerate")
	ResponseEntity<String> regenerate(@PathVariable UUID id, HttpSession session, HttpServletRequest request,
			Locale locale) {
		return html(views.retried(turns.regenerate(session, request.getRemoteAddr(), id), locale));
	}

	@PostMapping("/messages/{id}/regenerate")
	String regenerateWithoutJs(@PathVariable UUID id, HttpSession session, HttpServletRequest request) {
		turns.regenerate(session, request.getRemoteAddr(), id);
		return STREAMING;
	}

	/** Shows this answer of its turn in place of the one shown: later prompts continue from it. */
	@HxRequest
	@PostMapping("/messages/{id}/show")
	ResponseEntity<String> show(@PathVariable UUID id, HttpSession session, Locale locale) {
		Turns.Shown shown = turns.show(session, id);
		return html(views.shown(shown.turn(), shown.latest(), locale));
	}

	@PostMapping("/messages/{id}/show")
	String showWithoutJs(@PathVariable UUID id, HttpSession session) {
		turns.show(session, id);
		return "redirect:/#m-" + id;
	}

	@HxRequest
	@PostMapping("/conversation/new")
	ResponseEntity<String> newChat(HttpSession session, Locale locale) {
		turns.startNew(session);
		return html(views.emptied(locale));
	}

	@PostMapping("/conversation/new")
	String newChatWithoutJs(HttpSession session) {
		turns.startNew(session);
		return "redirect:/";
	}

	/**
	 * "Delete this conversation", first step: a page that asks, with Delete and Cancel. No JavaScript needed (and
	 * none allowed inline by the CSP): the header's link leads here.
	 */
	@GetMapping("/conversation/delete")
	String confirmDelete() {
		return "chat/delete";
	}

	/** With htmx the question replaces the header's link, and Cancel ({@code cancel}) brings the link back. */
	@HxRequest
	@GetMapping("/conversation/delete")
	String confirmDeleteInline(@RequestParam(required = false) String cancel) {
		return cancel != null ? "chat/delete :: link" : "chat/delete :: confirm";
	}

	/**
	 * Deletes the session's conversation from the record and the session (refused with 409 while an answer is
	 * being written), then shows the empty chat. A plain form post with or without JavaScript: the whole page
	 * changes.
	 */
	@PostMapping("/conversation/delete")
	String delete(HttpSession session) {
		turns.delete(session, deletions::byUser);
		return "redirect:/";
	}

	static ResponseEntity<String> html(String body) {
		return ResponseEntity.ok().contentType(HTML).body(body);
	}

}
