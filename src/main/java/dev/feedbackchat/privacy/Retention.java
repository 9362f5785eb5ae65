package dev.feedbackchat.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

import javax.sql.DataSource;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.ArenaRecord.DeletedBattles;
import dev.feedbackchat.model.ConversationDeleted;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.DeletedConversations;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention job ({@code chat.retention.days}): every {@code chat.retention.interval} it deletes what has had no
 * activity for that many days. Conversations go by their latest activity (the latest message recorded, rating given
 * or changed), with their messages and ratings; arena battles by their start or their vote, whichever is later, with
 * the vote; then each {@link RetentionStep} (delivered webhook events). One batch per transaction, so no lock is held
 * for long, each deleted conversation announced ({@link ConversationDeleted}, by {@code retention}) in its batch's
 * transaction.
 * <p>
 * With several instances on one database the job runs on one at a time: ShedLock's row {@code chat-retention} in the
 * table {@code shedlock}, claimed with a conditional update against the database's clock. The lease lasts
 * {@link #LEASE} at most (an instance that dies mid-run frees it then), and at least half the interval (or the
 * lease, if shorter), so the instances' schedules do not each repeat a run that just ended.
 */
@Component
@EnableConfigurationProperties(RetentionProperties.class)
public class Retention {

	static final String LOCK = "chat-retention";

	/** Longest a run may keep the lock: far longer than a run takes, short enough to recover from a lost instance. */
	static final Duration LEASE = Duration.ofMinutes(30);

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private final RetentionProperties properties;

	private final ChatRecord record;

	private final ArenaRecord arena;

	private final List<RetentionStep> steps;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final TransactionTemplate transaction;

	private final LockingTaskExecutor lock;

	private final Clock clock;

	Retention(RetentionProperties properties, ChatRecord record, ArenaRecord arena, ObjectProvider<RetentionStep> steps,
			AuditLog audit, ApplicationEventPublisher events, MeterRegistry meters, DataSource dataSource,
			PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
		this.properties = properties;
		this.record = record;
		this.arena = arena;
		this.steps = steps.orderedStream().toList();
		this.audit = audit;
		this.events = events;
		this.meters = meters;
		this.transaction = new TransactionTemplate(transactions);
		this.lock = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration
			.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build()));
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** A minute after startup, then {@code chat.retention.interval} after each run ends. */
	@Scheduled(initialDelay = 60_000, fixedDelayString = "${chat.retention.interval:1h}")
	void scheduled() {
		if (!properties.enabled()) {
			return;
		}
		try {
			run().ifPresentOrElse(run -> {
				if (run.total() > 0) {
					log.info("Retention deleted {}", run);
				}
			}, () -> log.debug("Retention is running on another instance"));
		}
		catch (RuntimeException ex) {
			// The next run tries again; what was deleted in earlier batches stays deleted.
			log.error("Retention failed", ex);
		}
	}

	/**
	 * Runs the job now, if no other instance (nor an earlier run within half an interval) holds the lock.
	 *
	 * @return what it deleted; empty when it did not run
	 */
	public Optional<RetentionRun> run() {
		if (!properties.enabled()) {
			throw new IllegalStateException("chat.retention.days is 0: everything is kept");
		}
		Instant now = clock.instant();
		Duration atLeast = properties.interval().dividedBy(2);
		// The lease's times are the database's (usingDbTime); the cutoff is this clock's.
		LockConfiguration lease = new LockConfiguration(ClockProvider.now(), LOCK, LEASE,
				atLeast.compareTo(LEASE) < 0 ? atLeast : LEASE);
		try {
			TaskResult<RetentionRun> result = lock.executeWithLock(
					(LockingTaskExecutor.TaskWithResult<RetentionRun>) () -> deleteOld(now), lease);
			return result.wasExecuted() ? Optional.of(result.getResult()) : Optional.empty();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RetentionRun deleteOld(Instant now) {
		Instant cutoff = now.minus(Duration.ofDays(properties.days()));
		int size = properties.batchSize();
		Map<String, Long> deleted = new LinkedHashMap<>();
		for (String kind : List.of("conversations", "messages", "feedback", "battles", "votes")) {
			deleted.put(kind, 0L);
		}
		batches(() -> {
			DeletedConversations batch = transaction.execute(status -> {
				List<UUID> ids = record.inactiveSince(cutoff, size);
				DeletedConversations gone = record.deleteConversations(ids);
				ids.forEach(id -> events.publishEvent(new ConversationDeleted(id, Deletions.BY_RETENTION, now)));
				return gone;
			});
			count(deleted, "conversations", batch.conversations());
			count(deleted, "messages", batch.messages());
			count(deleted, "feedback", batch.feedback());
			return batch.conversations();
		}, size);
		batches(() -> {
			DeletedBattles batch = transaction.execute(status -> arena.deleteBattlesBefore(cutoff, size));
			count(deleted, "battles", batch.battles());
			count(deleted, "votes", batch.votes());
			return batch.battles();
		}, size);
		for (RetentionStep step : steps) {
			deleted.putIfAbsent(step.name(), 0L);
			batches(() -> {
				int batch = transaction.execute(status -> step.deleteBatch(cutoff, size));
				count(deleted, step.name(), batch);
				return batch;
			}, size);
		}
		RetentionRun run = new RetentionRun(cutoff, deleted);
		if (run.total() > 0) {
			audit.record(AuditLog.DELETE, Deletions.BY_RETENTION, null, "retention (%d days): %s".formatted(
					properties.days(), run));
		}
		return run;
	}

	/** Runs one batch after another until one comes back short: the rest is newer than the cutoff. */
	private static void batches(IntSupplier batch, int size) {
		while (batch.getAsInt() >= size) {
			// Another full batch: there may be more.
		}
	}

	private void count(Map<String, Long> deleted, String kind, int rows) {
		deleted.merge(kind, (long) rows, Long::sum);
		if (rows > 0) {
			meters.counter("chat.retention.deleted", "kind", kind).increment(rows);
		}
	}

}
