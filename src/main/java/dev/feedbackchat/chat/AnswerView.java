package dev.feedbackchat.chat;

import java.util.UUID;

import dev.feedbackchat.conversation.Turn;

/**
 * An answer as the page renders it.
 *
 * @param live        still generated: the page connects to its stream
 * @param from        code points already in the page; its stream resumes there
 * @param html        a finished model answer rendered from Markdown and sanitized; {@code null} where the text is
 *                    shown as plain text (the echo, answers still streaming)
 * @param retryable   a failed answer that can be generated again
 * @param widgetHtml  its rating widget, rendered; {@code null} where none is shown
 * @param place       where it stands among the answers to its prompt ("2 / 3"); {@code null} where the switcher is
 *                    not shown (a single answer, or one still generated)
 * @param previous    the answer before it to its prompt, {@code null} for the first
 * @param next        the answer after it, {@code null} for the last
 * @param regenerable a finished answer of the latest turn: it offers Regenerate
 * @param error       a failed answer's message in the page's language; {@code null} for the general one
 */
record AnswerView(Turn.Answer answer, boolean live, boolean stopped, boolean failed, int from, String html,
		boolean retryable, String widgetHtml, String place, String previous, String next, boolean regenerable,
		String error) {
}
