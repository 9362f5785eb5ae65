package dev.feedbackchat.admin;

/**
 * The dashboard's headline numbers, over all time.
 *
 * @param answers  finished answers
 * @param rated    answers with a rating
 * @param positive ratings whose sentiment is positive
 */
record Totals(long conversations, long answers, long rated, long positive) {

	/** Rated answers per answer, "40%"; a dash while there is nothing to divide by. */
	public String feedbackRate() {
		return percent(rated, answers);
	}

	/** Positive ratings per rating. */
	public String positiveShare() {
		return percent(positive, rated);
	}

	static String percent(long part, long whole) {
		return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
	}

}
