package dev.feedbackchat.trace;

import java.util.Locale;

/** What started an answer; recorded as {@code chat.turn.kind}. */
public enum TurnKind {

	PROMPT, RETRY, REGENERATE, ARENA;

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
