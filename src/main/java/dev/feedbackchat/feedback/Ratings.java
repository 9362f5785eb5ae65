package dev.feedbackchat.feedback;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.conversation.Turns;
import dev.feedbackchat.model.Blank;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Refused;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.Rating;
import dev.feedbackchat.trace.Traces;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpSession;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Ratings and their details (reasons, comment, correction). Each is written to the record first, whose
 * constraints and conditional updates decide between concurrent requests on any instance; the session's turn then
 * takes the feedback as the record holds it, so a request that loses a race shows the winner instead of its own.
 */
@Service
public class Ratings {

	private final Turns turns;

	private final FeedbackPolicy policy;

	private final ChatRecord record;

	private final MeterRegistry meters;

	private final Traces traces;

	Ratings(Turns turns, FeedbackPolicy policy, ChatRecord record, MeterRegistry meters, Traces traces) {
		this.traces = traces;
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
			throw Refused.invalid("refused.feedback.ratingRange", scale.id(), scale.max());
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
				refusal[0] = FeedbackPolicy.ALREADY_RATED;
				return recorded(current);
			}
			meters.counter("chat.ratings", "scale", scale.id(), "value", Integer.toString(value)).increment();
			return current.withFeedback(current.feedback().rated(value));
		});
		if (refusal[0] == null) {
			traces.rated(answerId, turn.conversationId(), scale, value);
		}
		return new Outcome(turn, latest[0], refusal[0]);
	}

	/**
	 * The details of a rated answer, sent together once: the chosen reasons (in any order, each once or more), a
	 * comment and a correction, each empty or blank for none. Checked against the rating as recorded, and written
	 * only while the record still holds that rating and no details.
	 */
	public Outcome details(HttpSession session, UUID answerId, Collection<String> reasons, String comment,
			String correction) {
		String text = written(comment);
		String corrected = written(correction);
		if (reasons.isEmpty() && text == null && corrected == null) {
			throw Refused.invalid("refused.feedback.empty");
		}
		within(text, FeedbackPolicy.COMMENT_MAX_LENGTH, "refused.feedback.commentTooLong");
		within(corrected, policy.correctionMaxLength(), "refused.feedback.correctionTooLong");
		String[] refusal = { null };
		boolean[] latest = { false };
		Turn turn = turns.change(session, answerId, (current, isLatest) -> {
			latest[0] = isLatest;
			policy.uncommentable(isLatest).ifPresent(reason -> {
				throw Refused.conflict(reason);
			});
			Turn now = recorded(current);
			Turn.Feedback feedback = now.feedback();
			if (!feedback.isRated()) {
				throw Refused.conflict(FeedbackPolicy.RATE_FIRST);
			}
			if (feedback.hasDetails()) {
				refusal[0] = FeedbackPolicy.DETAILS_SENT;
				return now;
			}
			int rating = feedback.rating();
			List<String> chosen = policy.chosenReasons(rating, reasons);
			if (corrected != null && !policy.correctable(rating)) {
				throw Refused.invalid("refused.feedback.correctionNotNegative");
			}
			if (saved(() -> record.detailsOnce(answerId, rating, chosen, text, corrected))) {
				return now.withFeedback(new Turn.Feedback(rating, text, chosen, corrected));
			}
			// Another request sent details first, or changed the rating these were chosen for.
			Turn after = recorded(current);
			refusal[0] = after.feedback().hasDetails() ? FeedbackPolicy.DETAILS_SENT
					: "refused.feedback.ratingChanged";
			return after;
		});
		return new Outcome(turn, latest[0], refusal[0]);
	}

	/** The text as stored (line breaks as \n, no surrounding space), or {@code null} when nothing is visible. */
	private static String written(String text) {
		String stripped = text.replace("\r\n", "\n").strip();
		return Blank.is(stripped) ? null : stripped;
	}

	private static void within(String text, int limit, String code) {
		if (text == null) {
			return;
		}
		int length = text.codePointCount(0, text.length());
		if (length > limit) {
			throw Refused.tooLarge(code, length, limit);
		}
	}

	/** The turn with its feedback as the record holds it (none when it has none). */
	private Turn recorded(Turn turn) {
		try {
			return turn.withFeedback(record.feedback(turn.answer().id())
				.map(Turn.Feedback::of)
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
		return Refused.unavailable("refused.feedback.unavailable", ex);
	}

}
