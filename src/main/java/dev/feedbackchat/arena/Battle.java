package dev.feedbackchat.arena;

import java.util.Objects;

/**
 * One voted battle between contenders {@code a} and {@code b} (model names). A contender cannot battle itself:
 * such a battle says nothing about relative strength.
 */
public record Battle(String a, String b, Outcome outcome) {

	public Battle {
		Objects.requireNonNull(a, "a");
		Objects.requireNonNull(b, "b");
		Objects.requireNonNull(outcome, "outcome");
		if (a.equals(b)) {
			throw new IllegalArgumentException("a contender cannot battle itself: " + a);
		}
	}
}
