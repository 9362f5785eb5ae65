package dev.feedbackchat.privacy;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run of the retention job deleted.
 *
 * @param cutoff  what had no activity since this was deleted
 * @param deleted rows per kind (conversations, messages, feedback, battles, votes, and each {@link RetentionStep}),
 *                in the order deleted
 */
public record RetentionRun(Instant cutoff, Map<String, Long> deleted) {

	public long total() {
		return deleted.values().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public String toString() {
		return "older than " + cutoff + ": " + deleted.entrySet()
			.stream()
			.map(entry -> entry.getValue() + " " + entry.getKey())
			.collect(Collectors.joining(", "));
	}

}
