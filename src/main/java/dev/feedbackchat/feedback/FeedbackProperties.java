package dev.feedbackchat.feedback;

import dev.feedbackchat.model.FeedbackScale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param mode  {@code chat.feedback.mode}: {@code locked}, {@code changeable} or {@code latest-only}
 * @param scale {@code chat.feedback.scale}: {@code thumbs}, {@code faces} or {@code stars}
 */
@ConfigurationProperties("chat.feedback")
public record FeedbackProperties(FeedbackMode mode, FeedbackScale scale) {
}
