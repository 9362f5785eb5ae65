package dev.feedbackchat.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Running several instances on one PostgreSQL database (docs/deploy.md).
 *
 * @param enabled        {@code chat.cluster.enabled}: sessions in the database (Spring Session JDBC) and answers
 *                       of stopped instances taken over; off: sessions in memory, one instance
 * @param heartbeat      {@code chat.cluster.heartbeat}: how often each instance records that it is up
 * @param failureTimeout {@code chat.cluster.failure-timeout}: an instance not seen for this long is taken as
 *                       stopped, and its unfinished answers are taken over or marked interrupted
 * @param followInterval {@code chat.cluster.follow-interval}: how often an instance that streams another's model
 *                       answer looks whether it has been recorded
 */
@ConfigurationProperties("chat.cluster")
public record ClusterProperties(boolean enabled, Duration heartbeat, Duration failureTimeout, Duration followInterval) {
}
