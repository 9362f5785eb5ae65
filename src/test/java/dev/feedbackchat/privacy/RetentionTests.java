package dev.feedbackchat.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.feedbackchat.admin.Seeder;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.model.ConversationDeleted;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.redaction.Redactor;
import dev.feedbackchat.store.ChatRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The retention job on H2 with the real migrations, its clock fixed: what it deletes, in batches, and that one
 * instance runs it at a time. Each batch commits, so the tests run outside of a test transaction.
 */
@JdbcTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ ChatRecord.class, ArenaRecord.class, Redactor.class, AuditLog.class, Retention.class, RetentionTests.Fixtures.class })
@TestPropertySource(properties = { "chat.retention.days=30", "chat.retention.batch-size=2" })
@RecordApplicationEvents
class RetentionTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final Instant OLD = NOW.minus(Duration.ofDays(40));

	@TestConfiguration
	static class Fixtures {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		MeterRegistry meters() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestStep testStep() {
			return new TestStep();
		}

	}

	/** Stands for the webhooks' outbox: deletes {@code rows} in batches, and can be held mid-run. */
	static class TestStep implements RetentionStep {

		volatile int rows;

		final List<Integer> limits = new CopyOnWriteArrayList<>();

		volatile CountDownLatch entered;

		volatile CountDownLatch release;

		@Override
		public String name() {
			return "test-rows";
		}

		@Override
		public int deleteBatch(Instant cutoff, int limit) {
			limits.add(limit);
			if (entered != null) {
				entered.countDown();
				await(release);
			}
			int deleted = Math.min(rows, limit);
			rows -= deleted;
			return deleted;
		}

	}

	@Autowired
	Retention retention;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestStep step;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationEvents events;

	@Autowired
	ApplicationContext context;

	Seeder seeder;

	@BeforeEach
	void clear() {
		seeder = new Seeder(jdbc);
		seeder.clear();
		jdbc.update("delete from audit_event");
		// Expired, not deleted: ShedLock remembers the row exists and only updates it.
		jdbc.update("update shedlock set lock_until = locked_at");
		step.rows = 0;
		step.limits.clear();
		step.entered = null;
		step.release = null;
	}

	/** A conversation as the chat records it: a prompt, two answers (one regenerated), a rating, a second prompt. */
	UUID conversation(Instant at) {
		UUID id = seeder.conversation(at);
		UUID prompt = seeder.prompt(id, "hello", at, null);
		UUID answer = seeder.answer(id, prompt, "hi", at);
		UUID again = seeder.answer(id, prompt, "hi again", at, "echo", null, dev.feedbackchat.model.AnswerStatus.COMPLETE,
				answer);
		seeder.rate(again, FeedbackScale.THUMBS, 1, at, List.of(), null);
		seeder.prompt(id, "and then?", at, again);
		return id;
	}

	int count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Integer.class, args);
	}

	@Test
	void deletesWhatHadNoActivityForTheDaysAndKeepsTheRest() {
		UUID old = conversation(OLD);
		UUID recentMessage = conversation(OLD);
		seeder.prompt(recentMessage, "back after a while", NOW.minus(Duration.ofDays(10)), null);
		UUID recentRating = conversation(OLD);
		jdbc.update("update feedback set updated_at = ? where message_id in (select id from message where "
				+ "conversation_id = ?)", NOW.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC), recentRating);
		UUID recent = conversation(NOW.minus(Duration.ofDays(29)));
		UUID oldBattle = seeder.battle("p", "A", "a", "B", "b", Outcome.A_WINS, OLD);
		UUID unvoted = seeder.battle("p", "A", "a", "complete", "B", "b", "complete", null, OLD);
		UUID lateVote = seeder.battle("p", "A", "a", "B", "b", Outcome.TIE, NOW.minus(Duration.ofDays(2)));
		jdbc.update("update arena_battle set created_at = ? where id = ?", OLD.atOffset(ZoneOffset.UTC), lateVote);
		UUID recentBattle = seeder.battle("p", "A", "a", "B", "b", Outcome.B_WINS, NOW.minus(Duration.ofDays(3)));
		step.rows = 1;
		double conversationsBefore = meters.counter("chat.retention.deleted", "kind", "conversations").count();
		double battlesBefore = meters.counter("chat.retention.deleted", "kind", "battles").count();

		RetentionRun run = retention.run().orElseThrow();

		assertThat(run.cutoff()).isEqualTo(NOW.minus(Duration.ofDays(30)));
		assertThat(run.deleted()).containsExactly(Map.entry("conversations", 1L), Map.entry("messages", 4L),
				Map.entry("feedback", 1L), Map.entry("battles", 2L), Map.entry("votes", 1L), Map.entry("test-rows", 1L));
		assertThat(jdbc.queryForList("select id from conversation", UUID.class))
			.containsExactlyInAnyOrder(recentMessage, recentRating, recent);
		assertThat(count("select count(*) from message where conversation_id = ?", old)).isZero();
		assertThat(count("select count(*) from message")).isEqualTo(13);
		assertThat(count("select count(*) from feedback")).isEqualTo(3);
		assertThat(jdbc.queryForList("select id from arena_battle", UUID.class))
			.containsExactlyInAnyOrder(lateVote, recentBattle)
			.doesNotContain(oldBattle, unvoted);
		assertThat(count("select count(*) from arena_vote")).isEqualTo(2);
		assertThat(events.stream(ConversationDeleted.class))
			.containsExactly(new ConversationDeleted(old, "retention", NOW));
		assertThat(meters.counter("chat.retention.deleted", "kind", "conversations").count() - conversationsBefore)
			.isEqualTo(1);
		assertThat(meters.counter("chat.retention.deleted", "kind", "battles").count() - battlesBefore).isEqualTo(2);
		Map<String, Object> audit = jdbc.queryForMap("select action, actor, detail from audit_event");
		assertThat(audit.get("action")).isEqualTo("delete");
		assertThat(audit.get("actor")).isEqualTo("retention");
		assertThat((String) audit.get("detail")).contains("retention (30 days)", "1 conversations", "4 messages",
				"2 battles");
	}

	@Test
	void deletesInBatchesUntilABatchComesBackShort() {
		List<UUID> old = List.of(conversation(OLD), conversation(OLD), conversation(OLD), conversation(OLD),
				conversation(OLD));
		step.rows = 5;

		RetentionRun run = retention.run().orElseThrow();

		assertThat(run.deleted()).containsEntry("conversations", 5L).containsEntry("messages", 20L)
			.containsEntry("test-rows", 5L);
		assertThat(count("select count(*) from conversation")).isZero();
		assertThat(events.stream(ConversationDeleted.class).map(ConversationDeleted::conversationId))
			.containsExactlyInAnyOrderElementsOf(old);
		// 2 + 2 + 1: a short batch ends it.
		assertThat(step.limits).containsExactly(2, 2, 2);
		assertThat(step.rows).isZero();
	}

	@Test
	void nothingToDeleteWritesNoAuditEntry() {
		conversation(NOW);
		assertThat(retention.run().orElseThrow().total()).isZero();
		assertThat(count("select count(*) from audit_event")).isZero();
		assertThat(count("select count(*) from conversation")).isOne();
	}

	@Test
	void oneInstanceRunsItAtATime() throws Exception {
		conversation(OLD);
		Retention otherInstance = new Retention(context.getBean(RetentionProperties.class), context.getBean(ChatRecord.class),
				context.getBean(ArenaRecord.class), context.getBeanProvider(RetentionStep.class),
				context.getBean(AuditLog.class), context, meters,
				context.getBean(DataSource.class), context.getBean(PlatformTransactionManager.class),
				context.getBeanProvider(Clock.class));
		step.entered = new CountDownLatch(1);
		step.release = new CountDownLatch(1);
		CompletableFuture<Optional<RetentionRun>> first = CompletableFuture.supplyAsync(retention::run);
		await(step.entered);

		// The first holds the lock (mid-run, in its last step): the other instance does not run.
		assertThat(otherInstance.run()).isEmpty();
		assertThat(retention.run()).isEmpty();

		step.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).hasValueSatisfying(run -> assertThat(run.total()).isEqualTo(6));
		assertThat(step.limits).hasSize(1);
		// Ended, it keeps the lock for half the interval: the other instance's schedule does not repeat it at once.
		step.entered = null;
		assertThat(otherInstance.run()).isEmpty();
		jdbc.update("update shedlock set lock_until = locked_at");
		assertThat(otherInstance.run()).hasValueSatisfying(run -> assertThat(run.total()).isZero());
	}

	@Test
	void keepsEverythingByDefaultAndRefusesBadSettings() {
		RetentionProperties off = new RetentionProperties(0, Duration.ofHours(1), 500);
		assertThat(off.enabled()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new RetentionProperties(-1, Duration.ofHours(1), 500));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetentionProperties(1, Duration.ZERO, 500));
		assertThatIllegalArgumentException().isThrownBy(() -> new RetentionProperties(1, Duration.ofHours(1), 0));
		Retention disabled = new Retention(off, context.getBean(ChatRecord.class), context.getBean(ArenaRecord.class),
				context.getBeanProvider(RetentionStep.class), context.getBean(AuditLog.class),
				context, meters, context.getBean(DataSource.class),
				context.getBean(PlatformTransactionManager.class), context.getBeanProvider(Clock.class));
		conversation(OLD);
		disabled.scheduled();
		assertThat(count("select count(*) from conversation")).isOne();
		assertThatIllegalStateException().isThrownBy(disabled::run);
	}

	static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).as("waited for the other side").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
