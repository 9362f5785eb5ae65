package dev.feedbackchat.admin;

import java.util.Locale;

/**
 * The dashboard's headline numbers, over all time.
 *
 * @param answers  finished answers
 * @param rated    answers with a rating
 * @param positive ratings whose sentiment is positive
 */
record Totals(long conversations, long answers, long rated, long positive) {

	/** Rated answers per answer, "40%" (German "40 %"); a dash while there is nothing to divide by. */
	public String feedbackRate(Locale locale) {
		return Localized.percent(rated, answers, locale);
	}

	/** Positive ratings per rating. */
	public String positiveShare(Locale locale) {
		return Localized.percent(positive, rated, locale);
	}

}
