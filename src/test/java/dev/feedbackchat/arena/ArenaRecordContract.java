package dev.feedbackchat.arena;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What {@link ArenaRecord} guarantees, on each database. Not transactional: concurrent voters really compete. */
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class ArenaRecordContract {

	@Autowired
	ArenaRecord record;

	@Autowired
	JdbcClient jdbc;

	UUID battle(String a, String b) {
		UUID id = UUID.randomUUID();
		record.saveBattle(id, "Which is better, \"this\"\nor 😀?", a, b, Instant.now());
		return id;
	}

	@Test
	void aBattleIsStoredWithItsAnswersToComeThenFinished() {
		UUID id = battle("one", "two");
		assertThat(jdbc.sql("select status_a || ',' || status_b from arena_battle where id = ?").param(id)
			.query(String.class).single()).isEqualTo("streaming,streaming");
		assertThat(record.finishAnswer(id, true, "A's answer", "complete")).isTrue();
		assertThat(record.finishAnswer(id, false, "B's answer", "failed")).isTrue();
		assertThat(record.finishAnswer(UUID.randomUUID(), false, "nobody's", "complete")).isFalse();
		assertThat(jdbc.sql("select prompt, answer_a, answer_b, status_a, status_b from arena_battle where id = ?")
			.param(id)
			.query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.single()).containsExactly("Which is better, \"this\"\nor 😀?", "A's answer", "B's answer", "complete", "failed");
	}

	@Test
	void theFirstVoteStaysAndASecondIsRefused() {
		UUID id = battle("one", "two");
		assertThat(record.vote(id)).isEmpty();
		assertThat(record.voteOnce(id, Outcome.TIE)).isTrue();
		assertThat(record.voteOnce(id, Outcome.A_WINS)).isFalse();
		assertThat(record.vote(id)).contains(Outcome.TIE);
	}

	@Test
	void aVoteOnNoBattleIsAnError() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> record.voteOnce(UUID.randomUUID(), Outcome.A_WINS));
	}

	@Test
	void concurrentVotesOnOneBattleStoreExactlyOne() throws Exception {
		UUID id = battle("one", "two");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> votes = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				Outcome outcome = Outcome.values()[i % 4];
				votes.add(() -> record.voteOnce(id, outcome));
			}
			long stored = 0;
			for (Future<Boolean> vote : pool.invokeAll(votes)) {
				stored += vote.get() ? 1 : 0;
			}
			assertThat(stored).isOne();
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql("select count(*) from arena_vote where battle_id = ?").param(id).query(Long.class).single())
			.isOne();
	}

	@Test
	void battlesAreTheVotedOnesWithTheirOutcomesAndCountsByOutcome() {
		long before = record.battles().size();
		var countsBefore = record.votesByOutcome();
		String x = "x-" + UUID.randomUUID();
		String y = "y-" + UUID.randomUUID();
		record.voteOnce(battle(x, y), Outcome.A_WINS);
		record.voteOnce(battle(y, x), Outcome.A_WINS);
		record.voteOnce(battle(x, y), Outcome.BOTH_BAD);
		battle(x, y); // not voted
		assertThat(record.battles()).hasSize((int) before + 3);
		assertThat(record.battles().stream().filter(b -> b.a().equals(x) || b.b().equals(x)))
			.containsExactlyInAnyOrder(new Battle(x, y, Outcome.A_WINS), new Battle(y, x, Outcome.A_WINS),
					new Battle(x, y, Outcome.BOTH_BAD));
		var counts = record.votesByOutcome();
		assertThat(counts.get(Outcome.A_WINS)).isEqualTo(countsBefore.get(Outcome.A_WINS) + 2);
		assertThat(counts.get(Outcome.BOTH_BAD)).isEqualTo(countsBefore.get(Outcome.BOTH_BAD) + 1);
		assertThat(counts.get(Outcome.TIE)).isEqualTo(countsBefore.get(Outcome.TIE));
		assertThat(counts).containsOnlyKeys(Outcome.values());
	}

	@Test
	void outcomesMapToTheColumnValuesBothWays() {
		for (Outcome outcome : Outcome.values()) {
			assertThat(ArenaRecord.outcome(ArenaRecord.id(outcome))).isEqualTo(outcome);
		}
		assertThat(List.of(Outcome.values()).stream().map(ArenaRecord::id)).containsExactly("a", "b", "tie", "bothbad");
	}

	@Test
	void theDatabaseRefusesAContenderBattlingItselfAndAnUnknownOutcome() {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> battle("same", "same"));
		UUID id = battle("one", "two");
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> jdbc
			.sql("insert into arena_vote (battle_id, outcome, voted_at) values (?, 'draw', current_timestamp)")
			.param(id)
			.update());
	}

	@Test
	void votedBattlesAreReadOldestVoteFirstWithinTheirTimes() {
		// A day of its own: the other tests' votes are now.
		Instant day = Instant.parse("2001-02-03T00:00:00Z");
		String x = "x-" + UUID.randomUUID();
		String y = "y-" + UUID.randomUUID();
		UUID late = voted(x, y, Outcome.BOTH_BAD, day.plusSeconds(86_399));
		UUID early = voted(y, x, Outcome.A_WINS, day);
		voted(x, y, Outcome.TIE, day.minusNanos(1_000));
		voted(x, y, Outcome.B_WINS, day.plusSeconds(86_400));
		battle(x, y); // not voted

		List<VotedBattle> read = new ArrayList<>();
		record.forEachVoted(day, day.plusSeconds(86_400), read::add);

		assertThat(read).extracting(VotedBattle::id).containsExactly(early, late);
		VotedBattle first = read.get(0);
		assertThat(first).isEqualTo(new VotedBattle(early, "Which is better, \"this\"\nor 😀?", y, x, "A's answer",
				"B's answer", "complete", "stopped", Outcome.A_WINS, day));
		List<Outcome> all = new ArrayList<>();
		record.forEachVoted(null, null, battle -> {
			if (battle.contenderA().equals(x) || battle.contenderB().equals(x)) {
				all.add(battle.outcome());
			}
		});
		assertThat(all).containsExactly(Outcome.TIE, Outcome.A_WINS, Outcome.BOTH_BAD, Outcome.B_WINS);
	}

	UUID voted(String a, String b, Outcome outcome, Instant at) {
		UUID id = battle(a, b);
		record.finishAnswer(id, true, "A's answer", "complete");
		record.finishAnswer(id, false, "B's answer", "stopped");
		jdbc.sql("insert into arena_vote (battle_id, outcome, voted_at) values (?, ?, ?)")
			.params(id, ArenaRecord.id(outcome), at.atOffset(ZoneOffset.UTC))
			.update();
		return id;
	}
}
