package dev.feedbackchat.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.redaction.Redactor;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The permanent record: finished answers and ratings are written here when they happen. The rating lock
 * is the database's unique constraint, so it holds across app instances sharing the database. Every text a person
 * or a model wrote passes the {@link Redactor} on its way in ({@code chat.privacy.redact}): what is read back, and
 * so exported, is the redacted text; the session keeps what was typed.
 */
@Repository
public class ChatRecord {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Redactor redactor;

	ChatRecord(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events,
			Redactor redactor) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.events = events;
		this.redactor = redactor;
	}

	public static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * Records a finished turn: its conversation and prompt once (with the answer it continues), and the answer's
	 * final text and state (with the answer it regenerated): a regenerated answer adds a sibling to the prompt
	 * already recorded. A failed answer that is retried later is replaced by the retry's outcome. Idempotent: with
	 * several instances, the same echo answer may be finished by two of them (one took it over), or a turn retried.
	 * A parent or an earlier sibling that is not in the record (it could not be stored) is left out, not refused.
	 */
	public void saveTurn(FinishedTurn turn) {
		try {
			transaction.executeWithoutResult(status -> insertTurn(turn));
		}
		catch (DuplicateKeyException ex) {
			// Another instance stored the same turn at the same moment: it is recorded.
			if (answer(turn.answerId()).isEmpty()) {
				throw ex;
			}
		}
	}

	private void insertTurn(FinishedTurn turn) {
		String prompt = redactor.redact(turn.prompt());
		String answer = redactor.redact(turn.answer());
		String error = redactor.redact(turn.error());
		jdbc.sql("insert into conversation (id, created_at) select :id, :at where not exists "
				+ "(select 1 from conversation where id = :id)")
			.param("id", turn.conversationId())
			.param("at", utc(turn.promptedAt()))
			.update();
		insertMessage(turn.promptId(), turn.conversationId(), "user", prompt, turn.promptedAt())
			.param("parent", turn.parentId())
			.update();
		int replaced = jdbc.sql("update message set content = :content, responder = :responder, model = :model, "
				+ "first_token_ms = :firstToken, status = :status, error = :error, created_at = :at "
				+ "where id = :id and status = :failed")
			.param("failed", AnswerStatus.FAILED.id())
			.param("id", turn.answerId())
			.param("content", answer)
			.param("responder", turn.responder())
			.param("model", turn.model())
			.param("firstToken", turn.firstTokenMillis())
			.param("status", turn.status().id())
			.param("error", error)
			.param("at", utc(turn.answeredAt()))
			.update();
		if (replaced == 0) {
			insertMessage(turn.answerId(), turn.conversationId(), "assistant", answer, turn.answeredAt())
				.param("responder", turn.responder())
				.param("model", turn.model())
				.param("prompt", turn.promptId())
				.param("firstToken", turn.firstTokenMillis())
				.param("status", turn.status().id())
				.param("error", error)
				.param("from", turn.regeneratedFrom())
				.update();
		}
	}

	/**
	 * Inserts a message unless it is already recorded; an answer adds what produced it and the answer it regenerated,
	 * a prompt the answer it continues, each null where not given or not recorded.
	 */
	private JdbcClient.StatementSpec insertMessage(UUID id, UUID conversationId, String role, String content,
			Instant at) {
		return jdbc.sql("insert into message (id, conversation_id, role, content, responder, model, prompt_id, "
				+ "first_token_ms, status, error, created_at, parent_id, regenerated_from) select :id, :conversation, "
				+ ":role, :content, :responder, :model, :prompt, :firstToken, :status, :error, :at, "
				+ "(select m.id from message m where m.id = :parent), (select m.id from message m where m.id = :from) "
				+ "where not exists (select 1 from message where id = :id)")
			.param("id", id)
			.param("conversation", conversationId)
			.param("role", role)
			.param("content", content)
			.param("responder", null)
			.param("model", null)
			.param("prompt", null)
			.param("firstToken", null)
			.param("status", AnswerStatus.COMPLETE.id())
			.param("error", null)
			.param("parent", null)
			.param("from", null)
			.param("at", utc(at));
	}

	/** A finished answer as recorded, whichever instance generated it. */
	public Optional<StoredAnswer> answer(UUID answerId) {
		return jdbc.sql("select content, status, first_token_ms, error from message where id = :id and role = 'assistant'")
			.param("id", answerId)
			.query((rs, n) -> new StoredAnswer(rs.getString("content"), AnswerStatus.of(rs.getString("status")),
					rs.getObject("first_token_ms", Long.class), rs.getString("error")))
			.optional();
	}

	/** The prompt a recorded answer answers. */
	public Optional<UUID> promptOf(UUID answerId) {
		return jdbc.sql("select prompt_id from message where id = :id and role = 'assistant'")
			.param("id", answerId)
			.query(UUID.class)
			.optional();
	}

	/** Forgets a failed answer that is being generated again, so no instance takes it for its final state. */
	public void forgetFailed(UUID answerId) {
		jdbc.sql("delete from message where id = :id and status = :failed")
			.param("id", answerId)
			.param("failed", AnswerStatus.FAILED.id())
			.update();
	}

	/** Stores the first rating of an answer; false when it already has one (the lock held). */
	public boolean rateOnce(UUID answerId, Rating rating) {
		try {
			// Outside the transaction: on PostgreSQL a failed statement ends it.
			transaction.executeWithoutResult(status -> {
				insertRating(answerId, rating);
				events.publishEvent(new RatingStored(answerId));
			});
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Stores a rating, replacing an earlier one (the changeable mode). */
	public void rate(UUID answerId, Rating rating) {
		if (!changed(answerId, rating) && !rateOnce(answerId, rating)) {
			// Another request inserted it between the two statements: now there is a row to update.
			changed(answerId, rating);
		}
	}

	private boolean changed(UUID answerId, Rating rating) {
		return Boolean.TRUE.equals(transaction.execute(status -> {
			if (updateRating(answerId, rating) == 0) {
				return false;
			}
			events.publishEvent(new RatingStored(answerId));
			return true;
		}));
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
			.param("scale", rating.scale().id())
			.param("value", rating.value())
			.param("sentiment", rating.sentiment().id())
			.param("at", utc(Instant.now()));
	}

	/** The feedback on an answer, if it has any. */
	public Optional<StoredFeedback> feedback(UUID answerId) {
		return feedback(List.of(answerId)).stream().findFirst();
	}

	/** The feedback on those of these answers that have any: what every instance must show. */
	public List<StoredFeedback> feedback(Collection<UUID> answerIds) {
		if (answerIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select message_id, scale, rating, comment, reasons, correction from feedback "
				+ "where message_id in (:ids)")
			.param("ids", answerIds)
			.query((rs, n) -> new StoredFeedback(rs.getObject("message_id", UUID.class), rs.getString("scale"),
					rs.getInt("rating"), rs.getString("comment"), reasons(rs.getString("reasons")),
					rs.getString("correction")))
			.list();
	}

	/**
	 * The answers recorded to these prompts, oldest first, each with its feedback; the texts only of those not
	 * {@code known} (a page knows most of its answers; what it lacks, a request on another instance wrote).
	 */
	public List<RecordedAnswer> answersTo(Collection<UUID> promptIds, Collection<UUID> known) {
		if (promptIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select m.prompt_id, m.id, m.status, m.error, m.responder, m.model, m.first_token_ms, "
				+ "m.regenerated_from, m.created_at, f.scale, f.rating, f.comment, f.reasons, f.correction, "
				+ "case when m.id in (:known) then null else m.content end as content "
				+ "from message m left join feedback f on f.message_id = m.id "
				+ "where m.prompt_id in (:prompts) and m.role = 'assistant' order by m.created_at, m.id")
			.param("prompts", promptIds)
			.param("known", known.isEmpty() ? List.of(new UUID(0, 0)) : known)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				String scale = rs.getString("scale");
				return new RecordedAnswer(rs.getObject("prompt_id", UUID.class), id, rs.getString("content"),
						AnswerStatus.of(rs.getString("status")), rs.getString("error"), rs.getString("responder"),
						rs.getString("model"), rs.getObject("first_token_ms", Long.class),
						rs.getObject("regenerated_from", UUID.class),
						rs.getObject("created_at", OffsetDateTime.class).toInstant(),
						scale == null ? null : new StoredFeedback(id, scale, rs.getInt("rating"), rs.getString("comment"),
								reasons(rs.getString("reasons")), rs.getString("correction")));
			})
			.list();
	}

	/**
	 * Stores what was sent with a rating: its reasons, comment and correction, together and once. False when the
	 * answer has no rating, its rating is no longer {@code rating} (the details were chosen for that one), or it
	 * already has any of them.
	 *
	 * @param reasons    labels without line breaks, in the order offered; empty for none
	 * @param comment    {@code null} for none
	 * @param correction {@code null} for none
	 */
	public boolean detailsOnce(UUID answerId, int rating, List<String> reasons, String comment, String correction) {
		return Boolean.TRUE.equals(transaction.execute(status -> {
			if (!storeDetails(answerId, rating, reasons, comment, correction)) {
				return false;
			}
			events.publishEvent(new DetailsStored(answerId, comment != null, correction != null));
			return true;
		}));
	}

	private boolean storeDetails(UUID answerId, int rating, List<String> reasons, String comment, String correction) {
		return jdbc.sql("update feedback set reasons = :reasons, comment = :comment, correction = :correction "
				+ "where message_id = :message and rating = :rating "
				+ "and reasons is null and comment is null and correction is null")
			.param("message", answerId)
			.param("rating", rating)
			.param("reasons", reasons.isEmpty() ? null : redactor.redact(String.join("\n", reasons)))
			.param("comment", redactor.redact(comment))
			.param("correction", redactor.redact(correction))
			.update() == 1;
	}

	/** A rated answer with its prompt and feedback, as recorded (in the caller's transaction, if any). */
	public Optional<RatedTurn> ratedTurn(UUID answerId) {
		return jdbc.sql("select m.conversation_id, m.prompt_id, p.content as prompt, m.content as answer, m.responder, "
				+ "m.model, p.created_at as prompted_at, m.created_at as answered_at, f.scale, f.rating, f.reasons, "
				+ "f.comment, f.correction, f.created_at as rated_at, f.updated_at from message m "
				+ "join feedback f on f.message_id = m.id left join message p on p.id = m.prompt_id "
				+ "where m.id = :id and m.role = 'assistant'")
			.param("id", answerId)
			.query((rs, n) -> new RatedTurn(rs.getObject("conversation_id", UUID.class),
					rs.getObject("prompt_id", UUID.class), answerId, rs.getString("prompt"), rs.getString("answer"),
					rs.getString("responder"), rs.getString("model"),
					FeedbackScale.of(rs.getString("scale")).orElseThrow(), rs.getInt("rating"),
					reasons(rs.getString("reasons")), rs.getString("comment"), rs.getString("correction"),
					instant(rs.getObject("prompted_at", OffsetDateTime.class)),
					instant(rs.getObject("answered_at", OffsetDateTime.class)),
					instant(rs.getObject("rated_at", OffsetDateTime.class)),
					instant(rs.getObject("updated_at", OffsetDateTime.class))))
			.optional();
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	/**
	 * Conversations with no activity since {@code cutoff}: created before it, and no message recorded nor rating
	 * given or changed since. Oldest first, at most {@code limit}.
	 */
	public List<UUID> inactiveSince(Instant cutoff, int limit) {
		return jdbc.sql("select c.id from conversation c where c.created_at < :cutoff "
				+ "and not exists (select 1 from message m where m.conversation_id = c.id and m.created_at >= :cutoff) "
				+ "and not exists (select 1 from message m join feedback f on f.message_id = m.id "
				+ "where m.conversation_id = c.id and coalesce(f.updated_at, f.created_at) >= :cutoff) "
				+ "order by c.created_at limit :limit")
			.param("cutoff", utc(cutoff))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/** How much the record holds of a conversation; empty when it holds none. */
	public Optional<RecordedConversation> conversation(UUID id) {
		return jdbc.sql("select c.created_at, (select count(*) from message m where m.conversation_id = c.id), "
				+ "(select count(*) from message m join feedback f on f.message_id = m.id where m.conversation_id = c.id) "
				+ "from conversation c where c.id = :id")
			.param("id", id)
			.query((rs, n) -> new RecordedConversation(id, rs.getObject(1, OffsetDateTime.class).toInstant(),
					rs.getInt(2), rs.getInt(3)))
			.optional();
	}

	/**
	 * Deletes these conversations with their messages and feedback, in the caller's transaction (one is needed:
	 * the statements belong together). Messages refer to others only within their conversation (the prompt
	 * answered, the answer continued, the answer regenerated), so clearing those references first lets both
	 * databases delete them in any order.
	 */
	public DeletedConversations deleteConversations(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return DeletedConversations.NONE;
		}
		int feedback = jdbc.sql("delete from feedback where message_id in "
				+ "(select id from message where conversation_id in (:ids))")
			.param("ids", ids)
			.update();
		jdbc.sql("update message set prompt_id = null, parent_id = null, regenerated_from = null "
				+ "where conversation_id in (:ids)")
			.param("ids", ids)
			.update();
		int messages = jdbc.sql("delete from message where conversation_id in (:ids)").param("ids", ids).update();
		int conversations = jdbc.sql("delete from conversation where id in (:ids)").param("ids", ids).update();
		return new DeletedConversations(conversations, messages, feedback);
	}

	/** The stored reasons, one label per line, as a list. */
	private static List<String> reasons(String stored) {
		return stored == null ? List.of() : List.of(stored.split("\n"));
	}

}
