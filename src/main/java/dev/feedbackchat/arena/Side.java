package dev.feedbackchat.arena;

import java.util.Optional;

/**
 * Where an answer of a battle is shown: "Assistant A" or "Assistant B" (arena.side.a, arena.side.b in the bundles).
 * Says nothing of who answers there.
 */
public enum Side {

	A("a"), B("b");

	private final String id;

	Side(String id) {
		this.id = id;
	}

	/** In URLs and element ids: a, b. */
	public String id() {
		return id;
	}

	public Side other() {
		return this == A ? B : A;
	}

	public static Optional<Side> of(String id) {
		for (Side side : values()) {
			if (side.id.equals(id)) {
				return Optional.of(side);
			}
		}
		return Optional.empty();
	}
}
