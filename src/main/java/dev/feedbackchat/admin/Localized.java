package dev.feedbackchat.admin;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * The admin pages' texts, numbers and dates in one locale, the request's: what the charts and tables compute in
 * Java rather than in the template. Date patterns come from the bundle (each language writes its days its own way);
 * the exports never use this, they stay locale-independent.
 */
record Localized(MessageSource messages, Locale locale) {

	String text(String code, Object... args) {
		return messages.getMessage(code, args, locale);
	}

	/** A count with the locale's grouping: "1,234", German "1.234". */
	String number(long value) {
		return NumberFormat.getIntegerInstance(locale).format(value);
	}

	/** A whole percentage, "40%", German "40 %"; a dash while there is nothing to divide by. */
	String percent(long part, long whole) {
		return percent(part, whole, locale);
	}

	static String percent(long part, long whole, Locale locale) {
		if (whole == 0) {
			return "–";
		}
		// Rounded half up here, so the format (half even) only places the sign.
		return NumberFormat.getPercentInstance(locale).format(Math.round(100.0 * part / whole) / 100.0);
	}

	/** A day without its year, as a chart's axis labels it: "1 Jan", German "1. Jan.". */
	String day(LocalDate date) {
		return date.format(DateTimeFormatter.ofPattern(text("admin.format.day"), locale));
	}

	/** A day with its year: "1 Jan 2026", German "1. Jan. 2026". */
	String dayYear(LocalDate date) {
		return date.format(DateTimeFormatter.ofPattern(text("admin.format.dayYear"), locale));
	}

	/** The days of a range as the dashboard names them: "1 Jan – 30 Jan 2026 (UTC)". */
	String days(LocalDate first, LocalDate last) {
		String start = first.getYear() == last.getYear() ? day(first) : dayYear(first);
		return text("admin.format.days", start, dayYear(last));
	}

}
