package dev.feedbackchat.store;

/**
 * A rating as stored.
 *
 * @param scale     thumbs, faces or stars
 * @param value     0-1 for thumbs, 0-4 for faces and stars
 * @param sentiment positive, neutral or negative: what the value means on its scale
 */
public record Rating(String scale, int value, String sentiment) {
}
