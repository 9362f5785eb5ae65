package dev.feedbackchat.admin;

import java.util.List;

/**
 * One page of the rated-answers table.
 *
 * @param total    rows matching the filter, on all pages
 * @param size     rows per page
 * @param self     link to this page, the filter's parameters without empty ones
 * @param previous link to the page before, or {@code null} on the first
 * @param next     link to the page after, or {@code null} on the last
 */
record ResultsPage(List<RatedAnswer> rows, long total, int size, int page, int pages, String self, String previous,
		String next) {

	static ResultsPage of(List<RatedAnswer> rows, long total, int page, int size, RatingFilter filter) {
		int pages = (int) Math.max(1, (total + size - 1) / size);
		// Past the last page, "previous" leads back to the last one.
		String previous = page > 1 ? filter.link(AdminController.DASHBOARD, Math.min(page - 1, pages)) : null;
		String next = page < pages ? filter.link(AdminController.DASHBOARD, page + 1) : null;
		return new ResultsPage(rows, total, size, page, pages, filter.link(AdminController.DASHBOARD, page), previous, next);
	}

	/** What the page shows, e.g. "21–40 of 1,234, newest first" (German "21–40 von 1.234, neueste zuerst"). */
	String summary(Localized texts) {
		if (total == 0) {
			return texts.text("admin.results.none");
		}
		if (rows.isEmpty()) {
			return texts.text("admin.results.pastEnd", page, pages);
		}
		long first = (page - 1L) * size + 1;
		return texts.text("admin.results.summary", first, first + rows.size() - 1, total);
	}

	String position(Localized texts) {
		return texts.text("admin.results.position", page, pages);
	}

}
