package dev.feedbackchat.store;

import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;

/**
 * A rating as stored.
 *
 * @param scale thumbs, faces or stars
 * @param value 0-1 for thumbs, 0-4 for faces and stars
 */
public record Rating(FeedbackScale scale, int value) {

	/** What the value means on its scale; stored beside it so that filters need not know the scales. */
	public Sentiment sentiment() {
		return scale.sentiment(value);
	}

}
