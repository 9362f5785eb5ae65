package dev.feedbackchat.chat;

import dev.feedbackchat.feedback.FeedbackWidget;

/**
 * A message as the page renders it.
 *
 * @param feedback      its rating widget, {@code null} where none is shown
 * @param streamedSoFar code points of a streaming answer already in the page; its stream resumes there
 * @param html          a finished model answer rendered from Markdown and sanitized; {@code null} where the
 *                      content is shown as plain text (prompts, the echo, answers still streaming)
 * @param retryable     a failed answer that can be generated again
 */
record MessageView(ChatMessage message, FeedbackWidget feedback, int streamedSoFar, String html, boolean retryable) {

}
