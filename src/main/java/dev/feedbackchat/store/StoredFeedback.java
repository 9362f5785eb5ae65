package dev.feedbackchat.store;

import java.util.List;
import java.util.UUID;

/**
 * The feedback on an answer as the record holds it.
 *
 * @param comment    {@code null} when there is none
 * @param reasons    the chosen reasons in the order they were offered; empty when none
 * @param correction what the answer should have been, {@code null} when there is none
 */
public record StoredFeedback(UUID answerId, String scale, int rating, String comment, List<String> reasons,
		String correction) {

	public StoredFeedback {
		reasons = List.copyOf(reasons);
	}

}
