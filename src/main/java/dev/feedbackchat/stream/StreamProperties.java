package dev.feedbackchat.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param timeout   {@code chat.stream.timeout}: async timeout of one SSE connection; when it passes the
 *                  server closes the connection and the browser reconnects and resumes after Last-Event-ID
 * @param retention {@code chat.stream.retention}: how long a finished answer stays in memory for its
 *                  session to pick up; at least the session timeout, so no live session misses one
 * @param shutdownTimeout {@code chat.stream.shutdown-timeout}: on shutdown, the longest wait for answers
 *                  in flight to finish and be stored
 */
@ConfigurationProperties("chat.stream")
public record StreamProperties(Duration timeout, Duration retention, Duration shutdownTimeout) {
}
