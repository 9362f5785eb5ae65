package dev.feedbackchat.conversation;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.store.StoredFeedback;
import dev.feedbackchat.stream.AnswerProgress;

/**
 * A prompt, its answers (the first, and those regenerated for the same prompt) each with its feedback, and which
 * of them is shown: the unit a session keeps (one attribute each, so that a change writes only its own turn) and
 * the record stores. {@link #answer()} and {@link #feedback()} are the shown answer's: the conversation continues
 * from it.
 *
 * @param conversationId the conversation the turn belongs to (a session keeps one conversation at a time)
 * @param siblings       the answers to the prompt, oldest first; never empty
 * @param shown          the index of the answer shown
 */
public record Turn(UUID conversationId, Prompt prompt, List<Sibling> siblings, int shown) implements Serializable {

	public Turn {
		siblings = List.copyOf(siblings);
		if (shown < 0 || shown >= siblings.size()) {
			throw new IllegalArgumentException("No answer " + shown + " of " + siblings.size());
		}
	}

	/** A turn with one answer. */
	public Turn(UUID conversationId, Prompt prompt, Answer answer, Feedback feedback) {
		this(conversationId, prompt, List.of(new Sibling(answer, feedback)), 0);
	}

	/** Written to a session store in a compact form of its own. */
	@Serial
	private Object writeReplace() {
		return new SerializedTurn(this);
	}

	/** The answer shown. */
	public Answer answer() {
		return siblings.get(shown).answer();
	}

	/** The feedback on the answer shown. */
	public Feedback feedback() {
		return siblings.get(shown).feedback();
	}

	/** The first answer's id: it names the turn's session attribute for as long as the turn lives. */
	UUID firstAnswerId() {
		return siblings.get(0).answer().id();
	}

	/** The index of this answer among the siblings, or -1. */
	public int indexOf(UUID answerId) {
		for (int i = 0; i < siblings.size(); i++) {
			if (siblings.get(i).answer().id().equals(answerId)) {
				return i;
			}
		}
		return -1;
	}

	/** The same turn showing this answer of it. */
	public Turn showing(UUID answerId) {
		int index = indexOf(answerId);
		if (index < 0) {
			throw new IllegalArgumentException("Not an answer of this turn: " + answerId);
		}
		return index == shown ? this : new Turn(conversationId, prompt, siblings, index);
	}

	/** The shown answer changed. */
	Turn withAnswer(Answer changed) {
		return withShown(new Sibling(changed, feedback()));
	}

	/** The shown answer's feedback changed. */
	public Turn withFeedback(Feedback changed) {
		return withShown(new Sibling(answer(), changed));
	}

	/** The turn with each answer's feedback as {@code feedback} gives it. */
	Turn withFeedback(Function<UUID, Feedback> feedback) {
		return new Turn(conversationId, prompt, siblings.stream()
			.map(sibling -> new Sibling(sibling.answer(), feedback.apply(sibling.answer().id())))
			.toList(), shown);
	}

	/** One more answer to the prompt, shown. */
	Turn withRegenerated(Answer regenerated) {
		List<Sibling> more = new ArrayList<>(siblings);
		more.add(new Sibling(regenerated, Feedback.NONE));
		return new Turn(conversationId, prompt, more, more.size() - 1);
	}

	/** An answer the record holds and this turn lacks (another request wrote the turn without it), after the others. */
	Turn withRecorded(Answer recorded) {
		List<Sibling> more = new ArrayList<>(siblings);
		more.add(new Sibling(recorded, Feedback.NONE));
		return new Turn(conversationId, prompt, more, shown);
	}

	private Turn withShown(Sibling changed) {
		List<Sibling> changedSiblings = new ArrayList<>(siblings);
		changedSiblings.set(shown, changed);
		return new Turn(conversationId, prompt, changedSiblings, shown);
	}

	/** Whether any of its answers is still being generated. */
	public boolean isGenerating() {
		return siblings.stream().anyMatch(sibling -> sibling.answer().status() == AnswerStatus.GENERATING);
	}

	/**
	 * @param parentId the answer shown just before the prompt was sent, which the prompt continues; {@code null}
	 *                 for a conversation's first prompt
	 */
	public record Prompt(UUID id, String text, Instant at, UUID parentId) implements Serializable {

		public Prompt(UUID id, String text, Instant at) {
			this(id, text, at, null);
		}

	}

	/** One answer to the prompt and the feedback on it. */
	public record Sibling(Answer answer, Feedback feedback) implements Serializable {
	}

	/**
	 * @param text             the answer so far (while generating, what the session last saw)
	 * @param error            why a failed answer failed, shown to the user; {@code null} otherwise
	 * @param startedAt        when it was started (or restarted by a retry)
	 * @param firstTokenMillis time from the start to its first text, once known
	 * @param regeneratedFrom  the answer to the same prompt this one was generated again from; {@code null} for the
	 *                         first
	 */
	public record Answer(UUID id, String text, AnswerStatus status, String error, Origin origin, Instant startedAt,
			Long firstTokenMillis, UUID regeneratedFrom) implements Serializable {

		public Answer(UUID id, String text, AnswerStatus status, String error, Origin origin, Instant startedAt,
				Long firstTokenMillis) {
			this(id, text, status, error, origin, startedAt, firstTokenMillis, null);
		}

		static Answer pending(Origin origin, UUID regeneratedFrom) {
			return new Answer(UUID.randomUUID(), "", AnswerStatus.GENERATING, null, origin, Instant.now(), null,
					regeneratedFrom);
		}

		Answer progressed(AnswerProgress progress) {
			return new Answer(id, progress.text(), progress.status(), progress.error(), origin, startedAt,
					progress.firstTokenMillis(), regeneratedFrom);
		}

		Answer restarted(Origin by) {
			return new Answer(id, "", AnswerStatus.GENERATING, null, by, Instant.now(), null, regeneratedFrom);
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
