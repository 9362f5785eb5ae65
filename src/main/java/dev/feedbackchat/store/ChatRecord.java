package dev.feedbackchat.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The permanent record: finished answers and ratings are written here when they happen. The rating lock
 * is the database's unique constraint, so it holds across app instances sharing the database.
 */
@Repository
public class ChatRecord {

	private final JdbcClient jdbc;

	ChatRecord(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	@Transactional
	public void saveTurn(FinishedTurn turn) {
		// A conversation has one answer streaming at a time, so its first turn is never stored twice at once.
		jdbc.sql("insert into conversation (id, created_at) select :id, :at where not exists "
				+ "(select 1 from conversation where id = :id)")
			.param("id", turn.conversationId())
			.param("at", utc(turn.promptedAt()))
			.update();
		insertMessage(turn.promptId(), turn.conversationId(), "user", turn.prompt(), turn.promptedAt())
			.update();
		insertMessage(turn.answerId(), turn.conversationId(), "assistant", turn.answer(), turn.answeredAt())
			.param("responder", turn.responder())
			.param("model", turn.model())
			.param("prompt", turn.promptId())
			.param("firstToken", turn.firstTokenMillis())
			.param("status", turn.stopped() ? "stopped" : "complete")
			.update();
	}

	/** The insert of a message; an answer adds what produced it, a prompt leaves those columns null. */
	private JdbcClient.StatementSpec insertMessage(UUID id, UUID conversationId, String role, String content,
			Instant at) {
		return jdbc.sql("insert into message (id, conversation_id, role, content, responder, model, prompt_id, "
				+ "first_token_ms, status, created_at) values (:id, :conversation, :role, :content, :responder, "
				+ ":model, :prompt, :firstToken, :status, :at)")
			.param("id", id)
			.param("conversation", conversationId)
			.param("role", role)
			.param("content", content)
			.param("responder", null)
			.param("model", null)
			.param("prompt", null)
			.param("firstToken", null)
			.param("status", "complete")
			.param("at", utc(at));
	}

	/** Stores the first rating of an answer; false when it already has one (the lock held). */
	public boolean rateOnce(UUID answerId, Rating rating) {
		try {
			insertRating(answerId, rating);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Stores a rating, replacing an earlier one (the changeable mode). */
	public void rate(UUID answerId, Rating rating) {
		if (updateRating(answerId, rating) == 0 && !rateOnce(answerId, rating)) {
			// Another request inserted it between the two statements: now there is a row to update.
			updateRating(answerId, rating);
		}
	}

	private void insertRating(UUID answerId, Rating rating) {
		withRating("insert into feedback (message_id, scale, rating, sentiment, created_at) "
				+ "values (:message, :scale, :value, :sentiment, :at)", answerId, rating)
			.update();
	}

	private int updateRating(UUID answerId, Rating rating) {
		return withRating("update feedback set scale = :scale, rating = :value, sentiment = :sentiment, updated_at = :at "
				+ "where message_id = :message", answerId, rating)
			.update();
	}

	/** A statement about an answer's rating, with the rating, the answer and the time now bound. */
	private JdbcClient.StatementSpec withRating(String sql, UUID answerId, Rating rating) {
		return jdbc.sql(sql)
			.param("message", answerId)
			.param("scale", rating.scale())
			.param("value", rating.value())
			.param("sentiment", rating.sentiment())
			.param("at", utc(Instant.now()));
	}

	/** Stores the comment of a rated answer; false when it has no rating or already has a comment. */
	public boolean commentOnce(UUID answerId, String comment) {
		return jdbc.sql("update feedback set comment = :comment where message_id = :message and comment is null")
			.param("message", answerId)
			.param("comment", comment)
			.update() == 1;
	}

}
