package dev.feedbackchat.stream;

/**
 * How an answer finally stands (e.g. a complete answer that could not be stored comes back failed) and the
 * HTML its {@code done} event carries to the connections open at that moment; that HTML is not kept.
 *
 * @param progress    its status and error are the answer's final ones; its text is ignored (the streamed text stands)
 * @param closingHtml what the page swaps in for the streaming message; {@code null} sends an empty event
 */
public record Finished(AnswerProgress progress, String closingHtml) {
}
