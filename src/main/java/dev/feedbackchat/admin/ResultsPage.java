package dev.feedbackchat.admin;

import java.util.List;

/**
 * One page of the rated-answers table.
 *
 * @param total    rows matching the filter, on all pages
 * @param previous link to the page before, or {@code null} on the first
 * @param next     link to the page after, or {@code null} on the last
 */
record ResultsPage(List<RatedAnswer> rows, long total, int page, int pages, String previous, String next) {

	static ResultsPage of(List<RatedAnswer> rows, long total, int page, int size, RatingFilter filter) {
		int pages = (int) Math.max(1, (total + size - 1) / size);
		// Past the last page, "previous" leads back to the last one.
		return new ResultsPage(rows, total, page, pages, page > 1 ? filter.link("/admin", Math.min(page - 1, pages)) : null,
				page < pages ? filter.link("/admin", page + 1) : null);
	}

	/** Position of the first row shown, counting from 1. */
	public long firstRow() {
		return (page - 1L) * AdminController.PAGE_SIZE + 1;
	}

	public long lastRow() {
		return firstRow() + rows.size() - 1;
	}

}
