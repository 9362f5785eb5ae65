package dev.feedbackchat.arena;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.redaction.Redactor;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/** The cached leaderboard over the record (H2 in memory): kept until a stored vote. */
@JdbcTest
@Import({ ArenaRecord.class, Redactor.class, ArenaLeaderboard.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ArenaLeaderboardTests {

	@Autowired
	ArenaRecord record;

	@Autowired
	ArenaLeaderboard leaderboard;

	UUID battle(String a, String b) {
		UUID id = UUID.randomUUID();
		record.saveBattle(id, "prompt", a, b, Instant.now());
		return id;
	}

	@Test
	void keptUntilAVoteThenComputedAgainWithIt() {
		Leaderboard first = leaderboard.current();
		assertThat(leaderboard.current()).isSameAs(first);
		UUID id = battle("one", "two");
		assertThat(leaderboard.current()).as("a battle without a vote changes nothing").isSameAs(first);

		assertThat(leaderboard.vote(id, Outcome.A_WINS)).isTrue();
		Leaderboard second = leaderboard.current();
		assertThat(second).isNotSameAs(first);
		assertThat(second.battles()).isEqualTo(first.battles() + 1);
		assertThat(second.standings()).extracting(Standing::contender).contains("one", "two");
		assertThat(leaderboard.current()).isSameAs(second);

		assertThat(leaderboard.vote(id, Outcome.B_WINS)).as("the lock").isFalse();
		assertThat(leaderboard.current()).as("a refused vote keeps the cache").isSameAs(second);
	}

	@Test
	void aVoteWrittenElsewhereIsSeenAtOnce() {
		Leaderboard first = leaderboard.current();
		assertThat(leaderboard.current()).isSameAs(first);
		// Another instance's vote: straight into the record.
		record.voteOnce(battle("three", "four"), Outcome.TIE);
		Leaderboard second = leaderboard.current();
		assertThat(second.battles()).isEqualTo(first.battles() + 1);
		assertThat(leaderboard.current()).isSameAs(second);
	}
}
