package dev.feedbackchat.arena.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** With the arena enabled, the chat's header links to it ({@code arenaEnabled}); the chat knows nothing of it. */
@ControllerAdvice(basePackages = "dev.feedbackchat.chat")
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class ArenaLink {

	@ModelAttribute("arenaEnabled")
	boolean arenaEnabled() {
		return true;
	}
}
