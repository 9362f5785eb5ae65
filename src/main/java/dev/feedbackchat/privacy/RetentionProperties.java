package dev.feedbackchat.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the record keeps what people wrote.
 *
 * @param days      {@code chat.retention.days}: conversations (with their messages and ratings), arena battles
 *                  (with their votes) and whatever other {@link RetentionStep}s delete, without activity for this
 *                  many days, are deleted; 0 (the default) keeps everything
 * @param interval  {@code chat.retention.interval}: how often the job looks for them
 * @param batchSize {@code chat.retention.batch-size}: rows of the main table deleted per transaction
 */
@ConfigurationProperties("chat.retention")
public record RetentionProperties(@DefaultValue("0") int days, @DefaultValue("1h") Duration interval,
		@DefaultValue("500") int batchSize) {

	public RetentionProperties {
		if (days < 0) {
			throw new IllegalArgumentException("chat.retention.days must be 0 (keep everything) or more");
		}
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("chat.retention.interval must be positive");
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("chat.retention.batch-size must be 1 or more");
		}
	}

	boolean enabled() {
		return days > 0;
	}

}
