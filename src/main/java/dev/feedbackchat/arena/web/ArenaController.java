package dev.feedbackchat.arena.web;

import java.io.IOException;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.arena.BattleState;
import dev.feedbackchat.arena.Battles;
import dev.feedbackchat.arena.Side;
import dev.feedbackchat.model.Refused;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

/**
 * The arena page, its battles, their streams and votes. As in the chat, each htmx handler has a plain twin, so
 * the arena works as ordinary forms without JavaScript.
 */
@Controller
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class ArenaController {

	static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private static final String ARENA = "redirect:/arena";

	private final Battles battles;

	private final ArenaViews views;

	ArenaController(Battles battles, ArenaViews views) {
		this.battles = battles;
		this.views = views;
	}

	@GetMapping("/arena")
	String page(HttpSession session, Locale locale, Model model) {
		BattleState battle = battles.current(session).orElse(null);
		model.addAttribute("battleHtml", views.battle(battle, locale));
		model.addAttribute("streaming", battle != null && !battle.finished());
		return "arena/page";
	}

	@HxRequest
	@PostMapping("/arena/battles")
	ResponseEntity<String> start(@RequestParam(defaultValue = "") String prompt, HttpSession session,
			HttpServletRequest request, Locale locale) {
		return html(HttpStatus.OK, views.started(battles.start(session, request.getRemoteAddr(), prompt), locale));
	}

	@PostMapping("/arena/battles")
	String startWithoutJs(@RequestParam(defaultValue = "") String prompt, HttpSession session,
			HttpServletRequest request) {
		battles.start(session, request.getRemoteAddr(), prompt);
		return ARENA;
	}

	/** One side's answer as Server-Sent Events, as the chat's answers stream (chunk events, then done). */
	@GetMapping(path = "/arena/{id}/{side}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	void stream(@PathVariable UUID id, @PathVariable String side, @RequestParam(defaultValue = "0") int from,
			@RequestHeader(name = "Last-Event-ID", required = false) Integer lastEventId, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		battles.stream(request, response, id, side(side), lastEventId != null ? lastEventId : from);
	}

	@HxRequest
	@PostMapping("/arena/{id}/{side}/stop")
	ResponseEntity<Void> stop(@PathVariable UUID id, @PathVariable String side, HttpSession session) {
		battles.stop(session, id, side(side));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/arena/{id}/{side}/stop")
	String stopWithoutJs(@PathVariable UUID id, @PathVariable String side, HttpSession session) {
		battles.stop(session, id, side(side));
		return ARENA;
	}

	/** A vote; when the battle already had one, 409 with the battle showing it. */
	@HxRequest
	@PostMapping("/arena/{id}/vote")
	ResponseEntity<String> vote(@PathVariable UUID id, @RequestParam(defaultValue = "") String outcome,
			HttpSession session, Locale locale) {
		Battles.Voted voted = battles.vote(session, id, outcome);
		return html(voted.stored() ? HttpStatus.OK : HttpStatus.CONFLICT, views.voted(voted, locale));
	}

	@PostMapping("/arena/{id}/vote")
	String voteWithoutJs(@PathVariable UUID id, @RequestParam(defaultValue = "") String outcome, HttpSession session) {
		if (!battles.vote(session, id, outcome).stored()) {
			throw Refused.conflict("refused.arena.alreadyVoted");
		}
		return ARENA;
	}

	private static Side side(String id) {
		return Side.of(id).orElseThrow(() -> Refused.notFound("refused.arena.noSuchSide"));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(HTML).body(body);
	}
}
