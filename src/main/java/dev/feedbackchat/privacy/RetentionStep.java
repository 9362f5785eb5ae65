package dev.feedbackchat.privacy;

import java.time.Instant;

/**
 * Something else the retention job deletes, such as delivered webhook events: a bean of this type is run
 * after the conversations and battles, in the same lock, one batch per transaction until a batch comes back short.
 */
public interface RetentionStep {

	/** What it deletes, as the metric tag and in the audit log: {@code webhook-events}. */
	String name();

	/**
	 * Deletes at most {@code limit} rows older than {@code cutoff}; runs in a transaction of its own.
	 *
	 * @return how many it deleted
	 */
	int deleteBatch(Instant cutoff, int limit);

}
