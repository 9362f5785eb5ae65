package dev.feedbackchat.arena;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;

/**
 * The leaderboard of the recorded votes, computed on demand and kept until a vote changes it. Votes go through
 * {@link #vote} so that a stored one invalidates the cache; a refused one (the battle had a vote) does not.
 * With several instances, a vote on another instance is seen here on the next vote here or after a restart.
 */
@Service
public class ArenaLeaderboard {

	private final ArenaRecord record;

	/** Incremented by every stored vote; a leaderboard computed under an older version is not kept. */
	private final AtomicLong version = new AtomicLong();

	private volatile Cached cached;

	private record Cached(long version, Leaderboard leaderboard) {
	}

	public ArenaLeaderboard(ArenaRecord record) {
		this.record = record;
	}

	/** The current leaderboard: the cached one, or computed now from every voted battle. */
	public Leaderboard current() {
		Cached current = cached;
		long now = version.get();
		if (current != null && current.version() == now) {
			return current.leaderboard();
		}
		Leaderboard computed = Leaderboard.compute(record.battles());
		// A vote during the computation may be missing from it: keep it only if there was none.
		if (version.get() == now) {
			cached = new Cached(now, computed);
		}
		return computed;
	}

	/** Stores the vote on a battle unless it has one ({@link ArenaRecord#voteOnce}); a stored vote invalidates the cache. */
	public boolean vote(UUID battleId, Outcome outcome) {
		boolean stored = record.voteOnce(battleId, outcome);
		if (stored) {
			version.incrementAndGet();
		}
		return stored;
	}

	/** Forgets the cached leaderboard (votes written some other way, such as on another instance). */
	public void invalidate() {
		version.incrementAndGet();
	}
}
