package dev.feedbackchat.arena;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Consumer;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.redaction.Redactor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The arena's battles and votes in the database (V5__arena.sql). One vote per battle is the database's primary
 * key on {@code arena_vote.battle_id}, as the rating lock is a unique constraint: it holds across app instances.
 * Prompts, answers and errors pass the {@link Redactor} on their way in ({@code chat.privacy.redact}).
 */
@Repository
public class ArenaRecord {

	/** How an answer of a battle stands: streaming until it ends, then complete, stopped or failed. */
	public static final String STREAMING = "streaming";

	/** Rows per round trip while an export streams (PostgreSQL uses a cursor only with autocommit off). */
	static final int FETCH_SIZE = 500;

	/** What {@link #battles()} reads: the index {@code arena_battle_pair} holds all it needs of arena_battle. */
	static final String VOTED_PAIRS = "select b.contender_a, b.contender_b, v.outcome from arena_vote v "
			+ "join arena_battle b on b.id = v.battle_id";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Redactor redactor;

	ArenaRecord(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
			Redactor redactor) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.redactor = redactor;
	}

	/**
	 * Records a new battle, its answers still to come ({@link #STREAMING}).
	 *
	 * @param contenderA the contender shown as "Assistant A"
	 * @param contenderB the one shown as "Assistant B"; another than A
	 */
	public void saveBattle(UUID id, String prompt, String contenderA, String contenderB, Instant createdAt) {
		saveBattle(id, prompt, contenderA, contenderB, createdAt, null);
	}

	/** The same, with the instance generating its answers. */
	public void saveBattle(UUID id, String prompt, String contenderA, String contenderB, Instant createdAt,
			String instance) {
		jdbc.sql("insert into arena_battle (id, prompt, contender_a, contender_b, status_a, status_b, created_at, "
				+ "instance) values (:id, :prompt, :a, :b, :streaming, :streaming, :at, :instance)")
			.param("instance", instance)
			.param("id", id)
			.param("prompt", redactor.redact(prompt))
			.param("a", contenderA)
			.param("b", contenderB)
			.param("streaming", STREAMING)
			.param("at", createdAt.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * Records how one side's answer ended.
	 *
	 * @param sideA  true for A, false for B
	 * @param status complete | stopped | failed
	 * @return false when there is no such battle
	 */
	public boolean finishAnswer(UUID battleId, boolean sideA, String answer, String status) {
		return finishAnswer(battleId, sideA ? Side.A : Side.B, answer, status, null);
	}

	/**
	 * Records how one side's answer ended; {@code error} says why it failed (cut to the column's 1,000 characters).
	 *
	 * @return false when there is no such battle
	 */
	public boolean finishAnswer(UUID battleId, Side side, String answer, String status, String error) {
		String column = side.id();
		return jdbc.sql("update arena_battle set answer_" + column + " = :answer, status_" + column + " = :status, "
				+ "error_" + column + " = :error where id = :id")
			.param("answer", redactor.redact(answer))
			.param("status", status)
			.param("error", cut(redactor.redact(error)))
			.param("id", battleId)
			.update() == 1;
	}

	/** The error as the column holds it: 1,000 characters at most. */
	private static String cut(String error) {
		return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
	}

	/**
	 * Stores the vote on a battle unless it has one, and publishes {@link VoteStored} in the same transaction.
	 *
	 * @return true when stored, false when the battle already had a vote (the lock held: the first vote stays)
	 * @throws org.springframework.dao.DataIntegrityViolationException when there is no such battle
	 */
	public boolean voteOnce(UUID battleId, Outcome outcome) {
		try {
			// Outside the transaction: on PostgreSQL a failed statement ends it.
			transaction.executeWithoutResult(status -> {
				jdbc.sql("insert into arena_vote (battle_id, outcome, voted_at) values (:id, :outcome, :at)")
					.param("id", battleId)
					.param("outcome", id(outcome))
					.param("at", Instant.now().atOffset(ZoneOffset.UTC))
					.update();
				events.publishEvent(new VoteStored(battleId));
			});
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** The stored vote on a battle, if it has one. */
	public Optional<Outcome> vote(UUID battleId) {
		return jdbc.sql("select outcome from arena_vote where battle_id = :id")
			.param("id", battleId)
			.query((rs, n) -> outcome(rs.getString(1)))
			.optional();
	}

	/** A battle as recorded, with its vote if it has one; an answer still streaming has no text here yet. */
	public Optional<BattleState> battle(UUID battleId) {
		return jdbc.sql("select b.prompt, b.contender_a, b.contender_b, b.answer_a, b.status_a, b.error_a, b.answer_b, "
				+ "b.status_b, b.error_b, v.outcome, v.voted_at, b.instance from arena_battle b "
				+ "left join arena_vote v on v.battle_id = b.id where b.id = :id")
			.param("id", battleId)
			.query((rs, n) -> {
				String outcome = rs.getString(10);
				OffsetDateTime votedAt = rs.getObject(11, OffsetDateTime.class);
				return new BattleState(battleId, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(12),
						answer(rs.getString(4), rs.getString(5), rs.getString(6)),
						answer(rs.getString(7), rs.getString(8), rs.getString(9)),
						outcome != null ? outcome(outcome) : null, votedAt != null ? votedAt.toInstant() : null);
			})
			.optional();
	}

	private static BattleState.Answer answer(String text, String status, String error) {
		if (STREAMING.equals(status)) {
			return BattleState.Answer.STARTED;
		}
		return new BattleState.Answer(text != null ? text : "", AnswerStatus.of(status), error);
	}

	/**
	 * Every voted battle, for the leaderboard: contender names and outcome only, read row by row (a list of small
	 * records: 100,000 battles take a few MB). The names come from the index {@code arena_battle_pair} (V7), not
	 * from the rows with their texts; each name is held once, however many battles it fought. Read in batches in a
	 * read-only transaction, as the exports are, so that PostgreSQL does not hold the whole result twice.
	 */
	@Transactional(readOnly = true)
	public List<Battle> battles() {
		List<Battle> battles = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		jdbc.sql(VOTED_PAIRS)
			.withFetchSize(FETCH_SIZE)
			.query((RowCallbackHandler) rs -> battles.add(new Battle(names.computeIfAbsent(rs.getString(1), name -> name),
					names.computeIfAbsent(rs.getString(2), name -> name), outcome(rs.getString(3)))));
		return battles;
	}

	/** Votes by outcome, every outcome present (0 when none). */
	public Map<Outcome, Long> votesByOutcome() {
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		for (Outcome outcome : Outcome.values()) {
			counts.put(outcome, 0L);
		}
		jdbc.sql("select outcome, count(*) from arena_vote group by outcome")
			.query((rs, n) -> Map.entry(outcome(rs.getString(1)), rs.getLong(2)))
			.list()
			.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
		return counts;
	}

	/** How many votes there are and when the latest was cast: changes with every vote (and deletion). */
	public VoteTally voteTally() {
		return jdbc.sql("select count(*), max(voted_at) from arena_vote")
			.query((rs, n) -> {
				OffsetDateTime latest = rs.getObject(2, OffsetDateTime.class);
				return new VoteTally(rs.getLong(1), latest != null ? latest.toInstant() : null);
			})
			.single();
	}

	/** @param latest {@code null} when there is no vote */
	public record VoteTally(long votes, Instant latest) {
	}

	/** Battles started, voted or not. */
	public long battleCount() {
		return jdbc.sql("select count(*) from arena_battle").query(Long.class).single();
	}

	/**
	 * Hands every voted battle whose vote was stored in {@code [from, until)} to the action while reading them,
	 * oldest vote first, so an export of any size holds one battle at a time. The read-only transaction turns
	 * autocommit off: without it PostgreSQL ignores the fetch size and loads the whole result.
	 *
	 * @param from  {@code null}: from the first vote
	 * @param until {@code null}: to the last vote
	 */
	@Transactional(readOnly = true)
	public void forEachVoted(Instant from, Instant until, Consumer<VotedBattle> action) {
		StringJoiner where = new StringJoiner(" and ", " where ", "").setEmptyValue("");
		Map<String, Object> params = new HashMap<>();
		if (from != null) {
			where.add("v.voted_at >= :from");
			params.put("from", from.atOffset(ZoneOffset.UTC));
		}
		if (until != null) {
			where.add("v.voted_at < :until");
			params.put("until", until.atOffset(ZoneOffset.UTC));
		}
		jdbc.sql("select b.id, b.prompt, b.contender_a, b.contender_b, b.answer_a, b.answer_b, b.status_a, "
				+ "b.status_b, v.outcome, v.voted_at from arena_vote v join arena_battle b on b.id = v.battle_id"
				+ where + " order by v.voted_at, v.battle_id")
			.withFetchSize(FETCH_SIZE)
			.params(params)
			.query((RowCallbackHandler) rs -> action.accept(new VotedBattle(rs.getObject(1, UUID.class),
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getString(7), rs.getString(8), outcome(rs.getString(9)),
					rs.getObject(10, OffsetDateTime.class).toInstant())));
	}

	/** The outcome's value in {@code arena_vote.outcome}. */
	static String id(Outcome outcome) {
		return outcome.id();
	}

	static Outcome outcome(String id) {
		return Outcome.of(id)
			.orElseThrow(() -> new IllegalStateException("Unknown arena outcome in the database: " + id));
	}

	/**
	 * Deletes at most {@code limit} battles started before {@code cutoff} and not voted on since, with their votes,
	 * oldest first, in the caller's transaction.
	 *
	 * @return the battles and the votes deleted
	 */
	public DeletedBattles deleteBattlesBefore(Instant cutoff, int limit) {
		List<UUID> ids = jdbc.sql("select b.id from arena_battle b where b.created_at < :cutoff and not exists "
				+ "(select 1 from arena_vote v where v.battle_id = b.id and v.voted_at >= :cutoff) "
				+ "order by b.created_at limit :limit")
			.param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
			.param("limit", limit)
			.query(UUID.class)
			.list();
		if (ids.isEmpty()) {
			return new DeletedBattles(0, 0);
		}
		int votes = jdbc.sql("delete from arena_vote where battle_id in (:ids)").param("ids", ids).update();
		int battles = jdbc.sql("delete from arena_battle where id in (:ids)").param("ids", ids).update();
		return new DeletedBattles(battles, votes);
	}

	/** What {@link #deleteBattlesBefore} removed. */
	public record DeletedBattles(int battles, int votes) {
	}

}
