package dev.feedbackchat.feedback;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.feedbackchat.conversation.Conversation;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackWidget.Choice;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Refused;
import dev.feedbackchat.model.Sentiment;

import org.springframework.stereotype.Component;

/** Decides, for the configured mode and scale, what can be rated; the page and the server use the same rule. */
@Component
public class FeedbackPolicy {

	public static final int COMMENT_MAX_LENGTH = 2000;

	/** Message codes (messages.properties) of refusals that are also shown in the error region. */
	static final String DETAILS_SENT = "refused.feedback.detailsSent";

	static final String ALREADY_RATED = "refused.feedback.alreadyRated";

	static final String RATE_FIRST = "refused.feedback.rateFirst";

	private final FeedbackMode mode;

	private final FeedbackScale scale;

	private final FeedbackProperties.Reasons reasons;

	private final int correctionMaxLength;

	public FeedbackPolicy(FeedbackProperties properties) {
		this.mode = properties.mode();
		this.scale = properties.scale();
		this.reasons = properties.reasons();
		this.correctionMaxLength = properties.correction().maxLength();
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
			.mapToObj(v -> new Choice(v, scale.labelCode(v), scale.symbol(v), value != null && value == v,
					value != null && (value == v || (scale == FeedbackScale.STARS && v < value))))
			.toList();
		String rated = value != null && scale.accepts(value) ? scale.labelCode(value) : null;
		Turn.Feedback feedback = turn.feedback();
		return new FeedbackWidget(turn.answer().id(), scale.id(), buttons, enabled, choices, rated, feedback.comment(),
				feedback.reasons(), feedback.correction(), detailsRefusal(turn, latest).isEmpty() ? form(value) : null);
	}

	public FeedbackWidget widget(Conversation conversation, Turn turn) {
		return widget(turn, conversation.isLatest(turn.answer().id()));
	}

	/** The details form after this rating: a neutral one gets no reasons, only a negative one a correction. */
	private FeedbackWidget.Form form(int value) {
		Sentiment sentiment = scale.sentiment(value);
		boolean negative = sentiment == Sentiment.NEGATIVE;
		return new FeedbackWidget.Form(negative ? "feedback.question.negative" : "feedback.question.positive",
				negative ? "feedback.reasons.negative" : "feedback.reasons.positive", reasons.of(sentiment), negative,
				correctionMaxLength);
	}

	int correctionMaxLength() {
		return correctionMaxLength;
	}

	/**
	 * The reasons sent with details, in the order offered after this rating.
	 *
	 * @throws Refused (invalid) for a reason not offered after this rating
	 */
	List<String> chosenReasons(int value, Collection<String> sent) {
		List<String> offered = reasons.of(scale.sentiment(value));
		for (String reason : sent) {
			if (!offered.contains(reason)) {
				throw Refused.invalid(reasons.negative().contains(reason) || reasons.positive().contains(reason)
						? "refused.feedback.reasonNotForRating" : "refused.feedback.reasonNotOffered");
			}
		}
		return offered.stream().filter(sent::contains).toList();
	}

	/** Whether an answer with this rating can get a correction: after a negative rating only. */
	boolean correctable(int value) {
		return scale.isNegative(value);
	}

	/** Why this answer cannot be rated now, or empty if it can. */
	Optional<String> refusal(Turn turn, boolean latest) {
		Optional<String> unrateable = unrateable(turn, latest);
		if (unrateable.isPresent()) {
			return unrateable;
		}
		if (mode != FeedbackMode.CHANGEABLE && turn.feedback().isRated()) {
			return Optional.of(ALREADY_RATED);
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
			return Optional.of("refused.feedback.notComplete");
		}
		if (status == AnswerStatus.FAILED) {
			return Optional.of("refused.feedback.failed");
		}
		if (mode == FeedbackMode.LATEST_ONLY && !latest) {
			return Optional.of("refused.feedback.notLatest");
		}
		return Optional.empty();
	}

	/** Why this answer cannot get details (reasons, comment, correction) now, or empty if it can. */
	Optional<String> detailsRefusal(Turn turn, boolean latest) {
		Optional<String> uncommentable = uncommentable(latest);
		if (uncommentable.isPresent()) {
			return uncommentable;
		}
		if (!turn.feedback().isRated()) {
			return Optional.of(RATE_FIRST);
		}
		if (turn.feedback().hasDetails()) {
			return Optional.of(DETAILS_SENT);
		}
		return Optional.empty();
	}

	/** Why no answer in this position can get a comment, whatever its feedback, or empty if it can. */
	Optional<String> uncommentable(boolean latest) {
		if (mode == FeedbackMode.LATEST_ONLY && !latest) {
			return Optional.of("refused.feedback.commentNotLatest");
		}
		return Optional.empty();
	}

}
