package dev.feedbackchat.chat;

import dev.feedbackchat.conversation.Turn;

/**
 * An answer as the page renders it.
 *
 * @param live       still generated: the page connects to its stream
 * @param from       code points already in the page; its stream resumes there
 * @param html       a finished model answer rendered from Markdown and sanitized; {@code null} where the text is
 *                   shown as plain text (the echo, answers still streaming)
 * @param retryable  a failed answer that can be generated again
 * @param widgetHtml its rating widget, rendered; {@code null} where none is shown
 */
record AnswerView(Turn.Answer answer, boolean live, boolean stopped, boolean failed, int from, String html,
		boolean retryable, String widgetHtml) {
}
