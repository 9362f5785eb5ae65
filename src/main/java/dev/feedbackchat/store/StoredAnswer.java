package dev.feedbackchat.store;

/**
 * An answer as the record holds it once it has finished, whichever instance generated it.
 *
 * @param status {@code complete}, {@code stopped} (by the user) or {@code failed}
 * @param error  why a failed answer failed; {@code null} otherwise
 */
public record StoredAnswer(String text, String status, Long firstTokenMillis, String error) {

	public static final String COMPLETE = "complete";

	public static final String STOPPED = "stopped";

	public static final String FAILED = "failed";

}
