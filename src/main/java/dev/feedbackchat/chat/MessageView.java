package dev.feedbackchat.chat;

import dev.feedbackchat.feedback.FeedbackWidget;

/**
 * A message as the page renders it.
 *
 * @param feedback      its rating widget, {@code null} where none is shown
 * @param streamedSoFar code points of a streaming answer already in the page; its stream resumes there
 */
record MessageView(ChatMessage message, FeedbackWidget feedback, int streamedSoFar) {

}
