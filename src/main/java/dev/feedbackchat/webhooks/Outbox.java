package dev.feedbackchat.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox table {@code webhook_delivery} (V8__webhooks.sql): all its SQL. Rows are written in the caller's
 * transaction; the worker claims due rows with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2) and a lease
 * ({@code claimed_by}, {@code claimed_until}), so that while one instance sends an event no other does, without
 * holding a lock during the HTTP request.
 */
@Repository
public class Outbox {

	/** The longest last response kept (the column's size). */
	static final int RESPONSE_LENGTH = 200;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	Outbox(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** A claimed row: what an attempt needs. */
	record Claimed(long id, String eventId, String endpoint, byte[] body, int attempts) {
	}

	/** Pending rows: how many and since when the oldest waits ({@code null} when none). */
	public record Pending(long count, Instant oldest) {
	}

	/** Writes an event for an endpoint, due now; in the caller's transaction. */
	void add(String eventId, EventType type, String endpoint, byte[] body, Instant at) {
		jdbc.sql("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, attempts, "
				+ "next_attempt_at) values (:event, :type, :endpoint, :body, :at, :pending, 0, :at)")
			.param("event", eventId)
			.param("type", type.id())
			.param("endpoint", endpoint)
			.param("body", body)
			.param("at", utc(at))
			.param("pending", Delivery.PENDING)
			.update();
	}

	/**
	 * Claims up to {@code limit} pending rows that are due and not leased, oldest due first, for {@code lease}:
	 * rows another instance is claiming at the same moment are skipped, not waited for.
	 */
	List<Claimed> claim(String instance, Instant now, Duration lease, int limit) {
		return transaction.execute(status -> {
			List<Claimed> claimed = jdbc.sql("select id, event_id, endpoint, body, attempts from webhook_delivery "
					+ "where status = :pending and next_attempt_at <= :now "
					+ "and (claimed_until is null or claimed_until < :now) "
					+ "order by next_attempt_at, id fetch first " + limit + " rows only for update skip locked")
				.param("pending", Delivery.PENDING)
				.param("now", utc(now))
				.query((rs, n) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
						rs.getInt(5)))
				.list();
			if (!claimed.isEmpty()) {
				jdbc.sql("update webhook_delivery set claimed_by = :instance, claimed_until = :until where id in (:ids)")
					.param("instance", instance)
					.param("until", utc(now.plus(lease)))
					.param("ids", claimed.stream().map(Claimed::id).toList())
					.update();
			}
			return claimed;
		});
	}

	/** Records a successful attempt, if the row is still this instance's. */
	boolean delivered(Claimed row, String instance, Instant at, String response) {
		return jdbc.sql("update webhook_delivery set status = :delivered, attempts = :attempts, last_attempt_at = :at, "
				+ "last_response = :response, delivered_at = :at, claimed_by = null, claimed_until = null "
				+ "where id = :id and claimed_by = :instance")
			.param("delivered", Delivery.DELIVERED)
			.param("attempts", row.attempts() + 1)
			.param("at", utc(at))
			.param("response", cut(response))
			.param("id", row.id())
			.param("instance", instance)
			.update() == 1;
	}

	/**
	 * Records a failed attempt, if the row is still this instance's: pending again from {@code next}, or dead when
	 * {@code next} is {@code null}.
	 */
	boolean failed(Claimed row, String instance, Instant at, String response, Instant next) {
		return jdbc.sql("update webhook_delivery set status = :status, attempts = :attempts, last_attempt_at = :at, "
				+ "last_response = :response, next_attempt_at = :next, claimed_by = null, claimed_until = null "
				+ "where id = :id and claimed_by = :instance")
			.param("status", next == null ? Delivery.DEAD : Delivery.PENDING)
			.param("attempts", row.attempts() + 1)
			.param("at", utc(at))
			.param("response", cut(response))
			.param("next", utc(next == null ? at : next))
			.param("id", row.id())
			.param("instance", instance)
			.update() == 1;
	}

	/** Makes a dead event pending again, due now, with its attempts counted afresh; false if it is not dead. */
	public boolean resend(long id, Instant now) {
		return jdbc.sql("update webhook_delivery set status = :pending, attempts = 0, next_attempt_at = :now, "
				+ "claimed_by = null, claimed_until = null where id = :id and status = :dead")
			.param("pending", Delivery.PENDING)
			.param("dead", Delivery.DEAD)
			.param("now", utc(now))
			.param("id", id)
			.update() == 1;
	}

	/** The most recent events, newest first, without their bodies. */
	public List<Delivery> recent(int limit) {
		return jdbc.sql("select id, event_id, event_type, endpoint, status, attempts, created_at, next_attempt_at, "
				+ "last_attempt_at, last_response, delivered_at from webhook_delivery "
				+ "order by created_at desc, id desc fetch first " + limit + " rows only")
			.query((rs, n) -> delivery(rs))
			.list();
	}

	/** Events per status, every status present. */
	public Map<String, Long> countByStatus() {
		Map<String, Long> counts = new TreeMap<>(Map.of(Delivery.PENDING, 0L, Delivery.DELIVERED, 0L, Delivery.DEAD, 0L));
		jdbc.sql("select status, count(*) from webhook_delivery group by status")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
		return counts;
	}

	/** Read from the index on (status, next_attempt_at) and the pending rows alone. */
	public Pending pending() {
		return jdbc.sql("select count(*), min(created_at) from webhook_delivery where status = :pending")
			.param("pending", Delivery.PENDING)
			.query((rs, n) -> new Pending(rs.getLong(1), instant(rs, 2)))
			.single();
	}

	private static Delivery delivery(ResultSet rs) throws SQLException {
		String status = rs.getString("status");
		return new Delivery(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
				rs.getString("endpoint"), status, rs.getInt("attempts"), utc(rs, "created_at"),
				Delivery.PENDING.equals(status) ? utc(rs, "next_attempt_at") : null, utc(rs, "last_attempt_at"),
				rs.getString("last_response"), utc(rs, "delivered_at"));
	}

	private static OffsetDateTime utc(ResultSet rs, String column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
		return at == null ? null : at.toInstant();
	}

	private static OffsetDateTime utc(Instant at) {
		return at.atOffset(ZoneOffset.UTC);
	}

	private static String cut(String response) {
		return response.length() <= RESPONSE_LENGTH ? response : response.substring(0, RESPONSE_LENGTH - 1) + "…";
	}

}
