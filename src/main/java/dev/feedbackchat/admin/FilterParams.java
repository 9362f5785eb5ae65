package dev.feedbackchat.admin;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

/**
 * The filter as the query string has it (the dashboard's GET form, the export links), unchecked: every
 * field is text, so binding never fails and {@link #parse()} can say what is wrong. Empty means "any".
 *
 * @param rating    {@code positive}, {@code neutral}, {@code negative}, or a value such as {@code stars-4}
 * @param from      first day rated, {@code yyyy-MM-dd}, UTC, inclusive
 * @param to        last day rated, {@code yyyy-MM-dd}, UTC, inclusive
 * @param commented {@code true}: only ratings with a comment; {@code false}: only those without
 */
record FilterParams(String rating, String from, String to, String commented) {

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	RatingFilter parse() {
		LocalDate first = date("from", from);
		LocalDate last = date("to", to);
		if (first != null && last != null && first.isAfter(last)) {
			throw new InvalidFilterException("admin.filter.invalid.order", first.toString(), last.toString());
		}
		return new RatingFilter(StringUtils.hasText(rating) ? RatingChoice.parse(rating.strip()) : null, first, last,
				onlyCommented(), false);
	}

	/**
	 * The days alone, for the arena battles export: a vote has no rating and no comment to filter by, and an
	 * export that quietly ignored them would not be what was asked for.
	 */
	RatingFilter parseDays() {
		if (StringUtils.hasText(rating) || StringUtils.hasText(commented)) {
			throw new InvalidFilterException("admin.filter.invalid.battles");
		}
		return parse();
	}

	/** The page number of the table, from 1. */
	static int page(String page) {
		if (!StringUtils.hasText(page)) {
			return 1;
		}
		try {
			int number = Integer.parseInt(page.strip());
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidFilterException("admin.filter.invalid.page", page);
	}

	private static LocalDate date(String name, String value) {
		if (!StringUtils.hasText(value)) {
			return null;
		}
		String text = value.strip();
		try {
			if (DATE.matcher(text).matches()) {
				return LocalDate.parse(text);
			}
		}
		catch (DateTimeException ex) {
			// reported below
		}
		throw new InvalidFilterException("admin.filter.invalid.date", name, value);
	}

	private Boolean onlyCommented() {
		if (!StringUtils.hasText(commented)) {
			return null;
		}
		return switch (commented.strip()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new InvalidFilterException("admin.filter.invalid.commented", commented);
		};
	}

}
