package dev.feedbackchat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import dev.feedbackchat.admin.RatingFilter.Condition;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads the record for the dashboard and the exports. Portable SQL: H2 and PostgreSQL. */
@Repository
public class RatedAnswers {

	/** Rows per round trip while an export streams (PostgreSQL uses a cursor only with autocommit off). */
	static final int FETCH_SIZE = 500;

	private static final String FROM = """
			from feedback f
			join message a on a.id = f.message_id
			join message p on p.id = a.prompt_id
			""";

	private static final String SELECT = """
			select a.conversation_id, p.id as prompt_id, p.content as prompt, a.id as answer_id, a.content as answer,
			       a.responder, a.model, a.first_token_ms, a.status, f.scale, f.rating, f.sentiment, f.comment, f.reasons,
			       f.correction, a.created_at as answered_at, f.created_at as rated_at
			""" + FROM;

	private static final String NEWEST_FIRST = " order by f.created_at desc, f.id desc";

	private final JdbcClient jdbc;

	RatedAnswers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of the table, newest rating first; pages count from 1. */
	List<RatedAnswer> page(RatingFilter filter, int page, int size) {
		Condition condition = filter.condition();
		return jdbc.sql(SELECT + "where " + condition.sql() + NEWEST_FIRST
				+ " offset :offset rows fetch next :size rows only")
			.params(condition.params())
			.param("offset", (page - 1L) * size)
			.param("size", size)
			.query(RatedAnswers::row)
			.list();
	}

	long count(RatingFilter filter) {
		Condition condition = filter.condition();
		return jdbc.sql("select count(*) " + FROM + "where " + condition.sql())
			.params(condition.params())
			.query(Long.class)
			.single();
	}

	/**
	 * Hands every matching row, newest first, to the action while reading them, so memory stays flat however
	 * many there are. The read-only transaction turns autocommit off: without it PostgreSQL ignores the
	 * fetch size and loads the whole result.
	 */
	@Transactional(readOnly = true)
	public void forEach(RatingFilter filter, Consumer<RatedAnswer> action) {
		Condition condition = filter.condition();
		jdbc.sql(SELECT + "where " + condition.sql() + NEWEST_FIRST)
			.withFetchSize(FETCH_SIZE)
			.params(condition.params())
			.query((RowCallbackHandler) rs -> action.accept(row(rs, 0)));
	}

	Totals totals() {
		return jdbc.sql("""
				select (select count(*) from conversation) as conversations,
				       (select count(*) from message where role = 'assistant' and status <> :failed) as answers,
				       (select count(*) from feedback) as rated,
				       (select count(*) from feedback where sentiment = :positive) as positive
				""")
			.param("failed", AnswerStatus.FAILED.id())
			.param("positive", Sentiment.POSITIVE.id())
			.query(Totals.class)
			.single();
	}

	/** Ratings per UTC day and sentiment; days without ratings are absent. */
	List<DayCount> perDay(LocalDate first, LocalDate last) {
		Condition condition = RatingFilter.ratedBetween(first, last).condition();
		// Epoch seconds are UTC on both databases, whatever the session's time zone.
		return jdbc.sql("select epoch_day, sentiment, count(*) as ratings from (select floor(extract(epoch from "
				+ "f.created_at) / 86400) as epoch_day, f.sentiment from feedback f where " + condition.sql()
				+ ") d group by epoch_day, sentiment")
			.params(condition.params())
			.query((rs, n) -> new DayCount(LocalDate.ofEpochDay(rs.getLong("epoch_day")),
					Sentiment.of(rs.getString("sentiment")), rs.getLong("ratings")))
			.list();
	}

	record DayCount(LocalDate day, Sentiment sentiment, long ratings) {
	}

	/**
	 * Every message of the conversations that hold a rated answer matching the filter, one conversation at a
	 * time (oldest message first), for the training-data exports: an example needs the turns before its prompt
	 * and the other answers to it. One query, streamed like {@link #forEach}; only one conversation is held.
	 * A rated answer is {@code selected} when its rating matches the filter. A correlated EXISTS rather than
	 * {@code IN (subquery)}: H2 holds an IN's whole result in memory, one id per conversation, which ran a 64 MB
	 * heap out at 200,000 rows (docs/benchmarks.md).
	 */
	@Transactional(readOnly = true)
	public void forEachConversation(RatingFilter filter, Consumer<TrainingConversation> action) {
		Condition condition = filter.condition();
		List<TrainingConversation.Message> messages = new ArrayList<>();
		UUID[] current = new UUID[1];
		jdbc.sql("""
				select m.id, m.conversation_id, m.role, m.content, m.prompt_id, m.parent_id, m.status, f.sentiment,
				       f.reasons, f.correction,
				       case when f.id is not null and %1$s then 1 else 0 end as selected
				from message m
				left join feedback f on f.message_id = m.id
				where exists (select 1 from message a join feedback f on f.message_id = a.id
				              where a.conversation_id = m.conversation_id and %1$s)
				order by m.conversation_id, m.created_at, m.id
				""".formatted("(" + condition.sql() + ")"))
			.withFetchSize(FETCH_SIZE)
			.params(condition.params())
			.query((RowCallbackHandler) rs -> {
				UUID conversation = rs.getObject("conversation_id", UUID.class);
				if (!conversation.equals(current[0]) && !messages.isEmpty()) {
					action.accept(new TrainingConversation(messages));
					messages.clear();
				}
				current[0] = conversation;
				String sentiment = rs.getString("sentiment");
				messages.add(new TrainingConversation.Message(rs.getObject("id", UUID.class), rs.getString("role"),
						rs.getString("content"), rs.getObject("prompt_id", UUID.class),
						rs.getObject("parent_id", UUID.class), AnswerStatus.of(rs.getString("status")),
						sentiment == null ? null : Sentiment.of(sentiment), RatedAnswer.reasons(rs.getString("reasons")),
						rs.getString("correction"), rs.getInt("selected") == 1));
			});
		if (!messages.isEmpty()) {
			action.accept(new TrainingConversation(messages));
		}
	}

	/**
	 * How often each combination of reasons was chosen, per sentiment, among ratings made in these days. Grouped
	 * in SQL by the stored text (one row per combination in use; splitting it is not portable SQL).
	 */
	List<ReasonCount> reasonCounts(LocalDate first, LocalDate last) {
		Condition condition = RatingFilter.ratedBetween(first, last).condition();
		return jdbc.sql("select f.reasons, f.sentiment, count(*) as ratings from feedback f where f.reasons is not null and "
				+ condition.sql() + " group by f.reasons, f.sentiment")
			.params(condition.params())
			.query((rs, n) -> new ReasonCount(RatedAnswer.reasons(rs.getString("reasons")),
					Sentiment.of(rs.getString("sentiment")), rs.getLong("ratings")))
			.list();
	}

	record ReasonCount(List<String> reasons, Sentiment sentiment, long ratings) {
	}

	/** Per responder and model, the answers finished in these days (UTC) and what users did with them. */
	List<ModelStats> models(LocalDate first, LocalDate last) {
		return jdbc.sql("""
				select a.responder, a.model, count(*) as answers, count(f.id) as rated,
				       sum(case when f.sentiment = :positive then 1 else 0 end) as positive,
				       sum(case when f.correction is not null then 1 else 0 end) as corrections,
				       sum(case when a.regenerated_from is not null then 1 else 0 end) as regenerations
				from message a
				left join feedback f on f.message_id = a.id
				where a.role = 'assistant' and a.status <> :failed and a.created_at >= :from and a.created_at < :until
				group by a.responder, a.model
				order by answers desc, a.responder, a.model nulls last
				""")
			.param("positive", Sentiment.POSITIVE.id())
			.param("failed", AnswerStatus.FAILED.id())
			.param("from", first.atStartOfDay().atOffset(ZoneOffset.UTC))
			.param("until", last.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new ModelStats(rs.getString("responder"), rs.getString("model"), rs.getLong("answers"),
					rs.getLong("rated"), rs.getLong("positive"), rs.getLong("corrections"), rs.getLong("regenerations")))
			.list();
	}

	private static RatedAnswer row(ResultSet rs, int rowNum) throws SQLException {
		return new RatedAnswer(rs.getObject("conversation_id", UUID.class), rs.getObject("prompt_id", UUID.class),
				rs.getString("prompt"), rs.getObject("answer_id", UUID.class), rs.getString("answer"),
				rs.getString("responder"), rs.getString("model"), rs.getObject("first_token_ms", Long.class),
				AnswerStatus.of(rs.getString("status")), scale(rs.getString("scale")), rs.getInt("rating"),
				Sentiment.of(rs.getString("sentiment")), rs.getString("comment"), RatedAnswer.reasons(rs.getString("reasons")),
				rs.getString("correction"), utc(rs, "answered_at"),
				utc(rs, "rated_at"));
	}

	private static FeedbackScale scale(String id) {
		return FeedbackScale.of(id).orElseThrow(() -> new IllegalStateException("Not a feedback scale: " + id));
	}

	private static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
