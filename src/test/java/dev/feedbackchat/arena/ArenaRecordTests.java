package dev.feedbackchat.arena;

import dev.feedbackchat.redaction.Redactor;

import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** The arena's record on H2, the default database (in memory, with the real Flyway migrations). */
@JdbcTest
@Import({ ArenaRecord.class, Redactor.class })
class ArenaRecordTests extends ArenaRecordContract {

	/** The leaderboard's read stays off the battles' rows and their texts (docs/benchmarks.md). */
	@Test
	void theLeaderboardReadsTheContendersFromTheIndex() {
		String plan = jdbc.sql("explain " + ArenaRecord.VOTED_PAIRS).query(String.class).single();
		assertThat(plan).contains("PUBLIC.ARENA_BATTLE_PAIR: ID = V.BATTLE_ID");
	}

}
