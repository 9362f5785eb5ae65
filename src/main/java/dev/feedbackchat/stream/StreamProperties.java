package dev.feedbackchat.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param timeout   {@code chat.stream.timeout}: async timeout of one SSE connection; when it passes the
 *                  server closes the connection and the browser reconnects and resumes after Last-Event-ID
 * @param retention {@code chat.stream.retention}: how long a finished answer stays in memory for its
 *                  session to pick up; at least the session timeout, so no live session misses one
 * @param shutdownTimeout {@code chat.stream.shutdown-timeout}: on shutdown, the longest wait for answers
 *                  in flight to finish and be stored
 * @param buffer    {@code chat.stream.buffer}: the most event bytes one connection may hold back for a
 *                  client that does not read; beyond it the connection is closed and the browser resumes
 */
@ConfigurationProperties("chat.stream")
public record StreamProperties(Duration timeout, Duration retention, Duration shutdownTimeout,
		@DefaultValue("64KB") DataSize buffer) {
}
