package dev.feedbackchat.admin;

import java.util.Locale;

/**
 * A row of the dashboard's table per responder and model.
 *
 * @param model         {@code null} for answers stored before the model was recorded
 * @param answers       finished answers (complete or stopped)
 * @param rated         those with a rating
 * @param corrections   ratings with a correction
 * @param regenerations answers that regenerated an earlier one
 */
record ModelStats(String responder, String model, long answers, long rated, long positive, long corrections,
		long regenerations) {

	/** Rated answers per answer. */
	public String feedbackRate(Locale locale) {
		return Localized.percent(rated, answers, locale);
	}

	/** Positive ratings per rating. */
	public String positiveShare(Locale locale) {
		return Localized.percent(positive, rated, locale);
	}

}
