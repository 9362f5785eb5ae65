package dev.feedbackchat.feedback;

import java.util.List;
import java.util.UUID;

/**
 * What the rating widget under an answer shows.
 *
 * @param scale      thumbs, faces or stars (also the CSS class that picks the icons)
 * @param buttons    whether the rating buttons are shown at all (else only a saved rating, read-only)
 * @param enabled    whether the buttons can be clicked
 * @param choices    the buttons, in the order shown
 * @param rated      the message code of the saved rating's label ("Thumbs up", "4 stars"), or {@code null}
 * @param comment    the saved comment, or {@code null}
 * @param reasons    the saved reasons, in the order offered (empty when none)
 * @param correction the saved correction, or {@code null}
 * @param form       the details form, or {@code null} when none is offered
 */
public record FeedbackWidget(UUID messageId, String scale, boolean buttons, boolean enabled, List<Choice> choices,
		String rated, String comment, List<String> reasons, String correction, Form form) {

	/**
	 * One rating button.
	 *
	 * @param label   the message code of its accessible name
	 * @param pressed this is the saved rating
	 * @param lit     drawn highlighted: the saved rating, and for stars every star up to it
	 */
	public record Choice(int value, String label, String symbol, boolean pressed, boolean lit) {
	}

	/**
	 * The details a rated answer can get, sent together once: reasons, a comment and (after a negative rating) a
	 * correction.
	 *
	 * @param question            the message code of the question over the comment box
	 * @param reasonsQuestion     the message code of the question over the reason chips
	 * @param reasons             the reasons offered (none: no chips)
	 * @param correction          whether the correction box is offered
	 * @param correctionMaxLength its limit, in characters
	 */
	public record Form(String question, String reasonsQuestion, List<String> reasons, boolean correction,
			int correctionMaxLength) {
	}

}
