package dev.feedbackchat.feedback;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param mode {@code chat.feedback.mode}: {@code locked}, {@code changeable} or {@code latest-only} */
@ConfigurationProperties("chat.feedback")
public record FeedbackProperties(FeedbackMode mode) {
}
