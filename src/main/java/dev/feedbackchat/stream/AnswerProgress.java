package dev.feedbackchat.stream;

/** How far an answer has come: its text so far and whether that text is final. */
public record AnswerProgress(String text, boolean finished) {
}
