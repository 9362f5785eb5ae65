package dev.feedbackchat.cluster;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import static dev.feedbackchat.store.ChatRecord.utc;

/**
 * This instance and whether others are up. Every answer records the instance generating it; with
 * {@code chat.cluster.enabled} each instance writes a heartbeat to the shared database, so another can tell
 * when that instance has stopped. Alone, there is no other instance to ask about.
 */
@Component
public class Instances implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Instances.class);

	/** New at every start: answers of an earlier run of this instance count as another's. */
	private final String id = UUID.randomUUID().toString();

	private final JdbcClient jdbc;

	private final ClusterProperties properties;

	private final TaskScheduler scheduler;

	private volatile ScheduledFuture<?> heartbeat;

	Instances(JdbcClient jdbc, ClusterProperties properties, @Qualifier("clusterScheduler") TaskScheduler scheduler) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.scheduler = scheduler;
	}

	public String id() {
		return id;
	}

	public boolean clustered() {
		return properties.enabled();
	}

	/** True while the instance is up: this one, or another seen within chat.cluster.failure-timeout. */
	public boolean isUp(String instance) {
		if (id.equals(instance)) {
			return true;
		}
		if (!clustered() || instance == null) {
			return false;
		}
		return jdbc.sql("select count(*) from chat_instance where id = :id and seen_at > :cutoff")
			.param("id", instance)
			.param("cutoff", utc(Instant.now().minus(properties.failureTimeout())))
			.query(Integer.class)
			.single() > 0;
	}

	@Override
	public void start() {
		if (clustered()) {
			Instant now = Instant.now();
			jdbc.sql("insert into chat_instance (id, started_at, seen_at) values (:id, :now, :now)")
				.param("id", id)
				.param("now", utc(now))
				.update();
			heartbeat = scheduler.scheduleAtFixedRate(this::beat, properties.heartbeat());
			log.info("Instance {} joined the cluster", id);
		}
	}

	private void beat() {
		try {
			Instant now = Instant.now();
			jdbc.sql("update chat_instance set seen_at = :now where id = :id").param("id", id).param("now", utc(now)).update();
			// Instances that stopped without saying so (killed) are forgotten after a day.
			jdbc.sql("delete from chat_instance where seen_at < :old").param("old", utc(now.minusSeconds(86_400))).update();
		}
		catch (DataAccessException ex) {
			log.warn("Could not record this instance's heartbeat: {}", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return heartbeat != null;
	}

	/** Stops right after the answers in flight have drained (LiveAnswers), so others take over nothing of ours. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = heartbeat;
		heartbeat = null;
		if (running != null) {
			running.cancel(false);
			jdbc.sql("delete from chat_instance where id = :id").param("id", id).update();
		}
	}

}
