package dev.feedbackchat.stream;

/**
 * How far an answer has come.
 *
 * @param text     the text so far
 * @param finished whether the text is final
 * @param failed   whether it finished without being stored (its completion callback failed)
 */
public record AnswerProgress(String text, boolean finished, boolean failed) {
}
