package dev.feedbackchat.feedback;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.feedbackchat.conversation.Conversation;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackWidget.Choice;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;

import org.springframework.stereotype.Component;

/** Decides, for the configured mode and scale, what can be rated; the page and the server use the same rule. */
@Component
public class FeedbackPolicy {

	public static final int COMMENT_MAX_LENGTH = 2000;

	private final FeedbackMode mode;

	private final FeedbackScale scale;

	public FeedbackPolicy(FeedbackProperties properties) {
		this.mode = properties.mode();
		this.scale = properties.scale();
	}

	public FeedbackScale scale() {
		return scale;
	}

	boolean ratingsChangeable() {
		return mode == FeedbackMode.CHANGEABLE;
	}

	/**
	 * The widget under an answer, or {@code null} where none belongs (unfinished or failed answers).
	 *
	 * @param latest whether the answer is the conversation's latest (only that one is rateable in latest-only mode)
	 */
	public FeedbackWidget widget(Turn turn, boolean latest) {
		if (!turn.answer().status().rateable()) {
			return null;
		}
		boolean buttons = mode != FeedbackMode.LATEST_ONLY || latest;
		boolean enabled = buttons && refusal(turn, latest).isEmpty();
		Integer value = turn.feedback().rating();
		List<Choice> choices = IntStream.rangeClosed(0, scale.max())
			.map(i -> scale == FeedbackScale.THUMBS ? scale.max() - i : i)
			.mapToObj(v -> new Choice(v, scale.label(v), scale.symbol(v), value != null && value == v,
					value != null && (value == v || (scale == FeedbackScale.STARS && v < value))))
			.toList();
		String rated = value != null && scale.accepts(value) ? scale.label(value) : null;
		String commentLabel = commentRefusal(turn, latest).isEmpty() ? commentQuestion(value) : null;
		return new FeedbackWidget(turn.answer().id(), scale.id(), buttons, enabled, choices, rated,
				turn.feedback().comment(), commentLabel);
	}

	public FeedbackWidget widget(Conversation conversation, Turn turn) {
		return widget(turn, conversation.isLatest(turn.answer().id()));
	}

	private String commentQuestion(int value) {
		return scale.isNegative(value) ? "What could be better?" : "Anything to add?";
	}

	/** Why this answer cannot be rated now, or empty if it can. */
	Optional<String> refusal(Turn turn, boolean latest) {
		Optional<String> unrateable = unrateable(turn, latest);
		if (unrateable.isPresent()) {
			return unrateable;
		}
		if (mode != FeedbackMode.CHANGEABLE && turn.feedback().isRated()) {
			return Optional.of("This answer has already been rated.");
		}
		return Optional.empty();
	}

	/**
	 * Why this answer cannot be rated at all, whatever ratings it has, or empty if it can: the refusals that are
	 * errors, not a lost race for the rating lock.
	 */
	Optional<String> unrateable(Turn turn, boolean latest) {
		AnswerStatus status = turn.answer().status();
		if (status == AnswerStatus.GENERATING) {
			return Optional.of("Wait until the answer is complete before rating it.");
		}
		if (status == AnswerStatus.FAILED) {
			return Optional.of("This answer failed, so it cannot be rated.");
		}
		if (mode == FeedbackMode.LATEST_ONLY && !latest) {
			return Optional.of("Only the latest answer can be rated.");
		}
		return Optional.empty();
	}

	/** Why this answer cannot get a comment now, or empty if it can. */
	Optional<String> commentRefusal(Turn turn, boolean latest) {
		Optional<String> uncommentable = uncommentable(latest);
		if (uncommentable.isPresent()) {
			return uncommentable;
		}
		if (!turn.feedback().isRated()) {
			return Optional.of("Rate the answer before adding a comment.");
		}
		if (turn.feedback().comment() != null) {
			return Optional.of("This answer already has a comment.");
		}
		return Optional.empty();
	}

	/** Why no answer in this position can get a comment, whatever its feedback, or empty if it can. */
	Optional<String> uncommentable(boolean latest) {
		if (mode == FeedbackMode.LATEST_ONLY && !latest) {
			return Optional.of("Only the latest answer can get a comment.");
		}
		return Optional.empty();
	}

}
