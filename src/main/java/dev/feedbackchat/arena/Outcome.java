package dev.feedbackchat.arena;

import java.util.Optional;

/**
 * The vote on one battle. {@link #TIE} and {@link #BOTH_BAD} are kept apart because the vote means something
 * different to a reader, but the leaderboard scores both as half a win for each side, as Chatbot Arena does.
 */
public enum Outcome {

	A_WINS("a"), B_WINS("b"), TIE("tie"), BOTH_BAD("bothbad");

	private final String id;

	Outcome(String id) {
		this.id = id;
	}

	/** Its value in forms and in {@code arena_vote.outcome}: a, b, tie, bothbad. */
	public String id() {
		return id;
	}

	/** The outcome with this {@link #id()}; empty for anything else. */
	public static Optional<Outcome> of(String id) {
		for (Outcome outcome : values()) {
			if (outcome.id.equals(id)) {
				return Optional.of(outcome);
			}
		}
		return Optional.empty();
	}
}
