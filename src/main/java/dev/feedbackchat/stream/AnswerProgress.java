package dev.feedbackchat.stream;

/**
 * How far an answer has come.
 *
 * @param text             the text so far (kept when generation stops or fails)
 * @param outcome          still generating, or how it ended
 * @param error            for a failed answer, a short message for the user
 * @param firstTokenMillis time from the start to the first piece of text, or {@code null} before it
 */
public record AnswerProgress(String text, Outcome outcome, String error, Long firstTokenMillis) {

	public enum Outcome {

		GENERATING,

		/** Generated to the end and stored. */
		COMPLETE,

		/** Stopped by the user; the partial text is stored and can be rated. */
		STOPPED,

		/** Broke off (upstream error) or could not be stored; offered for retry, not for rating. */
		FAILED

	}

	public boolean finished() {
		return outcome != Outcome.GENERATING;
	}

}
