package dev.feedbackchat.feedback;

import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.conversation.Turns;
import dev.feedbackchat.model.Blank;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Refused;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.Rating;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Ratings and comments. Each is written to the record first, whose constraints decide between concurrent
 * requests on any instance; the session's turn then takes the feedback as the record holds it, so a request
 * that loses a race shows the winner instead of its own.
 */
@Service
public class Ratings {

	private final Turns turns;

	private final FeedbackPolicy policy;

	private final ChatRecord record;

	private final MeterRegistry meters;

	Ratings(Turns turns, FeedbackPolicy policy, ChatRecord record, MeterRegistry meters) {
		this.turns = turns;
		this.policy = policy;
		this.record = record;
		this.meters = meters;
	}

	/**
	 * What a rating or comment request leaves.
	 *
	 * @param turn    the answer's turn, with its feedback as recorded
	 * @param latest  whether it is the conversation's latest answer
	 * @param refusal {@code null} when the request's change was recorded; else why not (another request had
	 *                already rated or commented, and {@code turn} shows that)
	 */
	public record Outcome(Turn turn, boolean latest, String refusal) {
	}

	public Outcome rate(HttpSession session, UUID answerId, int value) {
		FeedbackScale scale = policy.scale();
		if (!scale.accepts(value)) {
			throw Refused.invalid("A rating on the %s scale is a number from 0 to %d.".formatted(scale.id(), scale.max()));
		}
		String[] refusal = { null };
		boolean[] latest = { false };
		Turn turn = turns.change(session, answerId, (current, isLatest) -> {
			latest[0] = isLatest;
			policy.unrateable(current, isLatest).ifPresent(reason -> {
				throw Refused.conflict(reason);
			});
			boolean stored = policy.ratingsChangeable() ? saved(() -> {
				record.rate(answerId, new Rating(scale, value));
				return true;
			}) : !current.feedback().isRated() && saved(() -> record.rateOnce(answerId, new Rating(scale, value)));
			if (!stored) {
				refusal[0] = "This answer has already been rated.";
				return recorded(current);
			}
			meters.counter("chat.ratings", "scale", scale.id(), "value", Integer.toString(value)).increment();
			return current.withFeedback(new Turn.Feedback(value, current.feedback().comment()));
		});
		return new Outcome(turn, latest[0], refusal[0]);
	}

	public Outcome comment(HttpSession session, UUID answerId, String comment) {
		String text = comment.replace("\r\n", "\n").strip();
		if (Blank.is(text)) {
			throw Refused.invalid("Write a comment before sending it.");
		}
		int length = text.codePointCount(0, text.length());
		if (length > FeedbackPolicy.COMMENT_MAX_LENGTH) {
			throw Refused.tooLarge("Your comment is %,d characters long; the limit is %,d."
				.formatted(length, FeedbackPolicy.COMMENT_MAX_LENGTH));
		}
		String[] refusal = { null };
		boolean[] latest = { false };
		Turn turn = turns.change(session, answerId, (current, isLatest) -> {
			latest[0] = isLatest;
			policy.uncommentable(isLatest).ifPresent(reason -> {
				throw Refused.conflict(reason);
			});
			boolean stored = saved(() -> record.commentOnce(answerId, text));
			Turn now = recorded(current);
			if (!now.feedback().isRated()) {
				throw Refused.conflict("Rate the answer before adding a comment.");
			}
			if (!stored) {
				refusal[0] = "This answer already has a comment.";
			}
			return now;
		});
		return new Outcome(turn, latest[0], refusal[0]);
	}

	/** The turn with its feedback as the record holds it (none when it has none). */
	private Turn recorded(Turn turn) {
		try {
			return turn.withFeedback(record.feedback(turn.answer().id())
				.map(stored -> new Turn.Feedback(stored.rating(), stored.comment()))
				.orElse(Turn.Feedback.NONE));
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	private static boolean saved(BooleanSupplier write) {
		try {
			return write.getAsBoolean();
		}
		catch (DataAccessException ex) {
			throw unavailable(ex);
		}
	}

	private static Refused unavailable(DataAccessException ex) {
		return Refused.unavailable("Your feedback could not be saved. Please try again in a moment.", ex);
	}

}
