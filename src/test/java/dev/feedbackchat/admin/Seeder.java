package dev.feedbackchat.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes answers and their ratings straight into the record, at chosen times, as the chat would have: a
 * conversation, a prompt, an answer a minute later, and (if rated) its feedback row; and arena battles. Batched, so the
 * benchmark's 100,000 rows go in quickly.
 */
public class Seeder {

	/**
	 * One answer to seed.
	 *
	 * @param scale      {@code null} for an answer nobody rated
	 * @param comment    {@code null} for none
	 * @param reasons    the reasons chosen with the rating; empty for none
	 * @param correction what the answer should have been, or {@code null}
	 */
	public record Seed(UUID conversationId, String prompt, String answer, FeedbackScale scale, int rating,
			String comment, Instant ratedAt, List<String> reasons, String correction) {

		public Seed(UUID conversationId, String prompt, String answer, FeedbackScale scale, int rating, String comment,
				Instant ratedAt) {
			this(conversationId, prompt, answer, scale, rating, comment, ratedAt, List.of(), null);
		}

		public static Seed rated(String prompt, FeedbackScale scale, int rating, String comment, Instant ratedAt) {
			return new Seed(UUID.randomUUID(), prompt, "You said, \"" + prompt + "\" ...interesting.", scale, rating,
					comment, ratedAt);
		}

		public static Seed unrated(String prompt, Instant answeredAt) {
			return new Seed(UUID.randomUUID(), prompt, "You said, \"" + prompt + "\" ...interesting.", null, 0, null,
					answeredAt);
		}

		public Seed inConversation(UUID conversation) {
			return new Seed(conversation, prompt, answer, scale, rating, comment, ratedAt, reasons, correction);
		}

		public Seed withReasons(String... chosen) {
			return new Seed(conversationId, prompt, answer, scale, rating, comment, ratedAt, List.of(chosen), correction);
		}

		public Seed withCorrection(String text) {
			return new Seed(conversationId, prompt, answer, scale, rating, comment, ratedAt, reasons, text);
		}

	}

	private final JdbcTemplate jdbc;

	public Seeder(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Empties the record, the arena's battles too. */
	public void clear() {
		jdbc.update("delete from arena_vote");
		jdbc.update("delete from arena_battle");
		jdbc.update("delete from feedback");
		jdbc.update("update message set parent_id = null, regenerated_from = null");
		jdbc.update("delete from message where prompt_id is not null");
		jdbc.update("delete from message");
		jdbc.update("delete from conversation");
	}

	/** What every seeded answer records as its time to first token. */
	public static final long FIRST_TOKEN_MILLIS = 7;

	public void insert(Seed... seeds) {
		insert(List.of(seeds));
	}

	public void insert(List<Seed> seeds) {
		// One conversation may hold several seeds: insert it once, at its first prompt.
		Map<UUID, Object[]> conversations = new LinkedHashMap<>();
		List<Object[]> prompts = new ArrayList<>();
		List<Object[]> answers = new ArrayList<>();
		List<Object[]> ratings = new ArrayList<>();
		for (Seed seed : seeds) {
			UUID promptId = UUID.randomUUID();
			UUID answerId = UUID.randomUUID();
			Instant answeredAt = seed.scale() == null ? seed.ratedAt() : seed.ratedAt().minus(Duration.ofMinutes(1));
			OffsetDateTime promptedAt = utc(answeredAt.minusSeconds(5));
			conversations.putIfAbsent(seed.conversationId(), new Object[] { seed.conversationId(), promptedAt });
			prompts.add(new Object[] { promptId, seed.conversationId(), "user", seed.prompt(), null, null, null, null,
					promptedAt });
			answers.add(new Object[] { answerId, seed.conversationId(), "assistant", seed.answer(), "echo", "echo",
					FIRST_TOKEN_MILLIS, promptId, utc(answeredAt) });
			if (seed.scale() != null) {
				ratings.add(new Object[] { answerId, seed.scale().id(), seed.rating(),
						seed.scale().sentiment(seed.rating()).id(), seed.comment(), stored(seed.reasons()),
						seed.correction(), utc(seed.ratedAt()) });
			}
		}
		jdbc.batchUpdate("insert into conversation (id, created_at) values (?, ?)", List.copyOf(conversations.values()));
		String message = "insert into message (id, conversation_id, role, content, responder, model, first_token_ms, "
				+ "prompt_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
		jdbc.batchUpdate(message, prompts);
		jdbc.batchUpdate(message, answers);
		jdbc.batchUpdate("insert into feedback (message_id, scale, rating, sentiment, comment, reasons, correction, "
				+ "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)", ratings);
	}

	/** Reasons as the record keeps them: one label per line, {@code null} for none. */
	static String stored(List<String> reasons) {
		return reasons == null || reasons.isEmpty() ? null : String.join("\n", reasons);
	}

	// Single rows, for the shapes the chat writes since V4: regenerated answers and prompts that continue one.

	public UUID conversation(Instant at) {
		UUID id = UUID.randomUUID();
		jdbc.update("insert into conversation (id, created_at) values (?, ?)", id, utc(at));
		return id;
	}

	/** A prompt continuing the answer {@code parent} ({@code null}: the first, or one stored before V4). */
	public UUID prompt(UUID conversation, String text, Instant at, UUID parent) {
		UUID id = UUID.randomUUID();
		jdbc.update("insert into message (id, conversation_id, role, content, parent_id, created_at) "
				+ "values (?, ?, 'user', ?, ?, ?)", id, conversation, text, parent, utc(at));
		return id;
	}

	/** An answer, complete unless {@code status} says otherwise; {@code regenerated}: the answer it made again. */
	public UUID answer(UUID conversation, UUID prompt, String text, Instant at, String responder, String model,
			AnswerStatus status, UUID regenerated) {
		UUID id = UUID.randomUUID();
		jdbc.update("insert into message (id, conversation_id, role, content, responder, model, first_token_ms, prompt_id, "
				+ "status, regenerated_from, created_at) values (?, ?, 'assistant', ?, ?, ?, ?, ?, ?, ?, ?)", id,
				conversation, text, responder, model, FIRST_TOKEN_MILLIS, prompt, status.id(), regenerated, utc(at));
		return id;
	}

	public UUID answer(UUID conversation, UUID prompt, String text, Instant at) {
		return answer(conversation, prompt, text, at, "echo", "echo", AnswerStatus.COMPLETE, null);
	}

	public void rate(UUID answer, FeedbackScale scale, int rating, Instant at, List<String> reasons, String correction) {
		jdbc.update("insert into feedback (message_id, scale, rating, sentiment, comment, reasons, correction, created_at) "
				+ "values (?, ?, ?, ?, null, ?, ?, ?)", answer, scale.id(), rating, scale.sentiment(rating).id(),
				stored(reasons), correction, utc(at));
	}

	/**
	 * An arena battle as the arena stores it, started a minute before {@code votedAt}, each answer with its
	 * status; voted {@code outcome} at {@code votedAt}, or not voted when {@code outcome} is {@code null}.
	 */
	public UUID battle(String prompt, String contenderA, String answerA, String statusA, String contenderB,
			String answerB, String statusB, Outcome outcome, Instant votedAt) {
		UUID id = UUID.randomUUID();
		jdbc.update("insert into arena_battle (id, prompt, contender_a, contender_b, answer_a, answer_b, status_a, "
				+ "status_b, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, prompt, contenderA, contenderB, answerA,
				answerB, statusA, statusB, utc(votedAt.minus(Duration.ofMinutes(1))));
		if (outcome != null) {
			String stored = switch (outcome) {
				case A_WINS -> "a";
				case B_WINS -> "b";
				case TIE -> "tie";
				case BOTH_BAD -> "bothbad";
			};
			jdbc.update("insert into arena_vote (battle_id, outcome, voted_at) values (?, ?, ?)", id, stored,
					utc(votedAt));
		}
		return id;
	}

	/** A battle whose two answers are complete. */
	public UUID battle(String prompt, String contenderA, String answerA, String contenderB, String answerB,
			Outcome outcome, Instant votedAt) {
		return battle(prompt, contenderA, answerA, "complete", contenderB, answerB, "complete", outcome, votedAt);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
