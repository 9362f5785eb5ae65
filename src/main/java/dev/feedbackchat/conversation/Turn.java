package dev.feedbackchat.conversation;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.store.StoredFeedback;
import dev.feedbackchat.stream.AnswerProgress;

/**
 * A prompt, its answer and the feedback on it: the unit a session keeps (one attribute each, so that a change
 * writes only its own turn) and the record stores.
 *
 * @param conversationId the conversation the turn belongs to (a session keeps one conversation at a time)
 */
public record Turn(UUID conversationId, Prompt prompt, Answer answer, Feedback feedback) implements Serializable {

	/** Written to a session store in a compact form of its own. */
	@Serial
	private Object writeReplace() {
		return new SerializedTurn(this);
	}

	Turn withAnswer(Answer changed) {
		return new Turn(conversationId, prompt, changed, feedback);
	}

	public Turn withFeedback(Feedback changed) {
		return new Turn(conversationId, prompt, answer, changed);
	}

	public boolean isGenerating() {
		return answer.status() == AnswerStatus.GENERATING;
	}

	public record Prompt(UUID id, String text, Instant at) implements Serializable {
	}

	/**
	 * @param text             the answer so far (while generating, what the session last saw)
	 * @param error            why a failed answer failed, shown to the user; {@code null} otherwise
	 * @param startedAt        when it was started (or restarted by a retry)
	 * @param firstTokenMillis time from the start to its first text, once known
	 */
	public record Answer(UUID id, String text, AnswerStatus status, String error, Origin origin, Instant startedAt,
			Long firstTokenMillis) implements Serializable {

		static Answer pending(Origin origin) {
			return new Answer(UUID.randomUUID(), "", AnswerStatus.GENERATING, null, origin, Instant.now(), null);
		}

		Answer progressed(AnswerProgress progress) {
			return new Answer(id, progress.text(), progress.status(), progress.error(), origin, startedAt,
					progress.firstTokenMillis());
		}

		Answer restarted(Origin by) {
			return new Answer(id, "", AnswerStatus.GENERATING, null, by, Instant.now(), null);
		}

		public int length() {
			return text.codePointCount(0, text.length());
		}

	}

	/**
	 * What generates or generated an answer.
	 *
	 * @param markdown whether its text is Markdown to render (a model's) or plain text (the echo's)
	 * @param instance the app instance generating it
	 */
	public record Origin(String responder, String model, boolean markdown, String instance) implements Serializable {
	}

	/**
	 * @param rating     the value on the configured scale, {@code null} until rated
	 * @param comment    {@code null} until written
	 * @param reasons    the reasons chosen with the rating, in the order offered; empty until sent
	 * @param correction what the answer should have been, {@code null} until written
	 */
	public record Feedback(Integer rating, String comment, List<String> reasons, String correction)
			implements Serializable {

		public static final Feedback NONE = new Feedback(null, null);

		public Feedback {
			reasons = List.copyOf(reasons);
		}

		public Feedback(Integer rating, String comment) {
			this(rating, comment, List.of(), null);
		}

		/** The feedback as the record holds it. */
		public static Feedback of(StoredFeedback stored) {
			return new Feedback(stored.rating(), stored.comment(), stored.reasons(), stored.correction());
		}

		public boolean isRated() {
			return rating != null;
		}

		/** Whether the details (reasons, comment, correction: sent together, once) have been sent. */
		public boolean hasDetails() {
			return comment != null || !reasons.isEmpty() || correction != null;
		}

		public Feedback rated(int value) {
			return new Feedback(value, comment, reasons, correction);
		}

	}

}
