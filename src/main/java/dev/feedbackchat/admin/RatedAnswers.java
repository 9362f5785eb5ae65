package dev.feedbackchat.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
			       a.responder, a.model, a.first_token_ms, a.status, f.scale, f.rating, f.sentiment, f.comment, a.created_at as answered_at,
			       f.created_at as rated_at
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

	private static RatedAnswer row(ResultSet rs, int rowNum) throws SQLException {
		return new RatedAnswer(rs.getObject("conversation_id", UUID.class), rs.getObject("prompt_id", UUID.class),
				rs.getString("prompt"), rs.getObject("answer_id", UUID.class), rs.getString("answer"),
				rs.getString("responder"), rs.getString("model"), rs.getObject("first_token_ms", Long.class),
				AnswerStatus.of(rs.getString("status")), scale(rs.getString("scale")), rs.getInt("rating"),
				Sentiment.of(rs.getString("sentiment")), rs.getString("comment"), utc(rs, "answered_at"),
				utc(rs, "rated_at"));
	}

	private static FeedbackScale scale(String id) {
		return FeedbackScale.of(id).orElseThrow(() -> new IllegalStateException("Not a feedback scale: " + id));
	}

	private static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
