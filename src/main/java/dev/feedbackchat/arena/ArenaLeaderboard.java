package dev.feedbackchat.arena;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Service;

/**
 * The leaderboard of the recorded votes, computed on demand and kept until the votes change. Each request asks the
 * record how many votes there are and when the latest was cast (one small query), so a vote on any instance, or a
 * deletion, shows at once everywhere; a vote through {@link #vote} also forgets it here.
 */
@Service
public class ArenaLeaderboard {

	private final ArenaRecord record;

	/** Incremented by every vote stored here; a leaderboard computed under an older version is not kept. */
	private final AtomicLong version = new AtomicLong();

	private volatile Cached cached;

	private record Cached(long version, ArenaRecord.VoteTally votes, Leaderboard leaderboard) {
	}

	public ArenaLeaderboard(ArenaRecord record) {
		this.record = record;
	}

	/** The current leaderboard: the cached one while the votes are as they were, or computed now from them. */
	public Leaderboard current() {
		Cached current = cached;
		long now = version.get();
		ArenaRecord.VoteTally votes = record.voteTally();
		if (current != null && current.version() == now && current.votes().equals(votes)) {
			return current.leaderboard();
		}
		Leaderboard computed = Leaderboard.compute(record.battles());
		// A vote during the computation may be missing from it: keep it only if there was none here, and the tally
		// read before it is the one it was computed from as far as this instance can tell.
		if (version.get() == now) {
			cached = new Cached(now, votes, computed);
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

	/** Forgets the cached leaderboard. */
	public void invalidate() {
		version.incrementAndGet();
	}
}
