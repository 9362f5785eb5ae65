package dev.feedbackchat.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detectors of numbers: IBANs and card numbers, each confirmed by its check digits, and phone numbers, known
 * by their shape (an international {@code +}, a North American 3-3-4 grouping, a national trunk 0 with its groups)
 * or by a word such as "phone" before them. UUIDs are ids, kept whole, so no part of one is taken for a number.
 */
final class Numbers {

	private static final Pattern UUID = Pattern.compile(
			"(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])");

	/** A country code, check digits, then letters and digits in groups of up to four (or none), any case. */
	private static final Pattern IBAN = Pattern
		.compile("[A-Za-z]{2}[0-9]{2}(?:[ \\u00A0]?[A-Za-z0-9]{1,4}){3,8}(?:[ \\u00A0]?[A-Za-z0-9]{1,4})?");

	/** Digits in groups separated by one space or hyphen, not part of a word, a decimal or a longer id. */
	private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\p{L}\\p{N}_.,/+-])\\d++(?:[ \\u00A0-]\\d++)*+(?![\\p{L}\\p{N}_]|[.,]\\d)");

	private static final Pattern INTERNATIONAL = Pattern.compile(
			"(?<![\\p{L}\\p{N}_+.)])\\+\\d++(?:[ \\u00A0.-]?+(?:\\(\\d{1,5}+\\)|\\d++)){0,7}+(?![\\p{L}\\p{N}_]|[.:,]\\d)");

	/** The same with the 00 that dials abroad from most countries, groups required (00123456789 is an id). */
	private static final Pattern INTERNATIONAL_00 = Pattern.compile(
			"(?<![\\p{L}\\p{N}_+.)])00[1-9]\\d*+(?:[ \\u00A0.-](?:\\(\\d{1,5}+\\)|\\d++)){2,7}+(?![\\p{L}\\p{N}_]|[.:,]\\d)");

	private static final Pattern NORTH_AMERICAN = Pattern.compile(
			"(?<![\\p{L}\\p{N}_.+/-])(?:\\(\\d{3}\\)[ \\u00A0]?|\\d{3}[ \\u00A0.-])\\d{3}[ \\u00A0.-]\\d{4}(?![\\p{L}\\p{N}_]|[.:,/-]\\d)");

	/** A trunk 0 and an area code, then groups: {@code 020 7946 0958}, {@code (030) 1234567}, {@code 06-12345678}. */
	private static final Pattern NATIONAL = Pattern.compile("(?<![\\p{L}\\p{N}_.+/:-])(?:0[1-9]\\d*+|\\(0[1-9]\\d*+\\)[ \\u00A0]?)"
			+ "(?:[ \\u00A0/-]?+\\d++){1,5}+(?![\\p{L}\\p{N}_]|[.:,/-]\\d)");

	/** The French way: five pairs, by spaces, dots or hyphens. */
	private static final Pattern PAIRS = Pattern
		.compile("(?<![\\p{L}\\p{N}_.+/:-])0[1-9](?:([ \\u00A0.-])\\d{2})(?:\\1\\d{2}){3}(?![\\p{L}\\p{N}_]|[.:,/-]\\d)");

	/** A number that a word before it may introduce as one to call ({@link #INTRODUCING}). */
	private static final Pattern INTRODUCED = Pattern
		.compile("(?<![\\d+(])\\+?\\(?\\d[\\d \\u00A0()./-]{5,22}\\d(?![\\p{L}\\p{N}_]|[.:,/-]\\d)");

	/** A word that says the number after it is one to call, in a few languages, ending where the number starts. */
	private static final Pattern INTRODUCING = Pattern.compile("(?iu)(?:(?<![\\p{L}])(?:tel|tél|phone|telephone|téléphone"
			+ "|mobile|mob|cell|fax|call(?:\\s+me)?(?:\\s+(?:at|on))?|text\\s+me(?:\\s+at)?|whatsapp|telefon|telefono|teléfono"
			+ "|handy|numéro|número|rufnummer|телефон)|电话|手机|電話|携帯)(?:\\s*(?:no|nr|number|num|#)\\.?)?"
			+ "(?:\\s*[:：.]\\s*|\\s+)$");

	private static final List<String> STEMS = List.of("tel", "tél", "phone", "mob", "cell", "fax", "call", "text",
			"whatsapp", "handy", "num", "telefon", "teléfono", "телефон", "电话", "手机", "電話", "携帯");

	private static final Pattern DATE = Pattern.compile("\\(?\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}.*");

	private static final Pattern GROUP_BREAK = Pattern.compile("[ \\u00A0/()-]+");

	private static final Pattern SEPARATOR = Pattern.compile("[ \\u00A0-]");

	/** Fewer digits than this hold no phone number (the shortest taken is 7), card or IBAN. */
	static final int MIN_DIGITS = 7;

	private Numbers() {
	}

	static void keepIds(String text, Spans spans) {
		if (text.length() < 36) {
			return;
		}
		Matcher uuid = UUID.matcher(text);
		uuid.useTransparentBounds(true);
		// 8-4-4-4-12: the first hyphen is at 8, the others 5 apart.
		for (int at = text.indexOf('-', 8); at >= 0 && at + 28 <= text.length(); at = text.indexOf('-', at + 1)) {
			if (text.charAt(at + 5) == '-' && text.charAt(at + 10) == '-' && text.charAt(at + 15) == '-'
					&& uuid.region(at - 8, text.length()).lookingAt()) {
				spans.keep(uuid.start(), uuid.end());
			}
		}
	}

	/**
	 * Where numbers are: each cluster of at least seven digits joined by up to three separators (space, hyphen, dot,
	 * slash, parentheses, plus), and a character or two around it. Only these windows are searched (look-arounds
	 * still see the text around them), so prose and most code cost one pass over their characters.
	 */
	static List<int[]> windows(String text) {
		List<int[]> windows = new ArrayList<>();
		int first = -1;
		int last = -1;
		int digits = 0;
		for (int at = 0; at <= text.length(); at++) {
			char c = at < text.length() ? text.charAt(at) : '\0';
			boolean digit = c >= '0' && c <= '9';
			if (digit) {
				if (first < 0) {
					first = at;
					digits = 0;
				}
				last = at;
				digits++;
			}
			else if (first >= 0 && (at - last > 3 || " \u00A0-./()+".indexOf(c) < 0 || at == text.length())) {
				if (digits >= MIN_DIGITS) {
					int from = Math.max(0, first - 2);
					int to = Math.min(text.length(), last + 3);
					int[] previous = windows.isEmpty() ? null : windows.get(windows.size() - 1);
					if (previous != null && previous[1] >= from) {
						previous[1] = to;
					}
					else {
						windows.add(new int[] { from, to });
					}
				}
				first = -1;
			}
		}
		return windows;
	}

	/** Each match of the pattern within the windows; what is outside them is still seen by look-arounds. */
	private static void inWindows(Pattern pattern, String text, List<int[]> windows, Consumer<Matcher> found) {
		Matcher matcher = pattern.matcher(text);
		matcher.useTransparentBounds(true);
		matcher.useAnchoringBounds(false);
		for (int[] window : windows) {
			matcher.region(window[0], window[1]);
			while (matcher.find()) {
				found.accept(matcher);
			}
		}
	}

	static void findIbans(String text, Spans spans) {
		Matcher candidate = IBAN.matcher(text);
		candidate.useTransparentBounds(true);
		// Two letters and two digits, not within a word, start each candidate.
		for (int at = 0; at + 15 <= text.length(); at++) {
			if (isAsciiLetter(text.charAt(at)) && isAsciiLetter(text.charAt(at + 1)) && isDigit(text.charAt(at + 2))
					&& isDigit(text.charAt(at + 3)) && (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
					&& candidate.region(at, text.length()).lookingAt()) {
				iban(text, candidate, spans);
			}
		}
	}

	private static boolean isAsciiLetter(char c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static void iban(String text, Matcher candidate, Spans spans) {
		String country = candidate.group().substring(0, 2).toUpperCase(Locale.ROOT);
		int length = Checksums.ibanLength(country);
		if (length == 0) {
			return;
		}
		// The IBAN is the first `length` letters and digits: a word after it may have been taken along.
		StringBuilder compact = new StringBuilder(length);
		int end = candidate.start();
		while (end < candidate.end() && compact.length() < length) {
			char c = text.charAt(end++);
			if (Character.isLetterOrDigit(c)) {
				compact.append(Character.toUpperCase(c));
			}
		}
		boolean wholeGroup = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
		if (compact.length() == length && wholeGroup && Checksums.ibanValid(compact)) {
			spans.add(candidate.start(), end, Placeholder.IBAN);
		}
	}

	/**
	 * Card numbers: 13 to 19 digits that pass the Luhn check, start as the card networks' numbers do (2-6), and are
	 * written whole or in groups of three to six digits. Within a longer run of groups each stretch of whole groups
	 * is tried, the longest first, so a card after a year or before a count is still found.
	 */
	static void findCards(String text, List<int[]> windows, Spans spans) {
		inWindows(DIGIT_RUN, text, windows, run -> {
			if (run.end() - run.start() < 13) {
				return;
			}
			List<int[]> groups = groups(text, run.start(), run.end());
			int first = 0;
			while (first < groups.size()) {
				int last = card(text, groups, first);
				if (last >= 0) {
					spans.add(groups.get(first)[0], groups.get(last)[1], Placeholder.CARD);
					first = last + 1;
				}
				else {
					first++;
				}
			}
		});
	}

	/** The index of the last group of the longest card number that starts at group {@code first}, or -1. */
	private static int card(String text, List<int[]> groups, int first) {
		StringBuilder number = new StringBuilder(19);
		int found = -1;
		for (int last = first; last < groups.size(); last++) {
			int[] group = groups.get(last);
			int length = group[1] - group[0];
			boolean whole = first == last && length >= 13;
			if (number.length() + length > 19 || !whole && (length < 3 || length > 6)) {
				break;
			}
			number.append(text, group[0], group[1]);
			if (number.length() >= 13 && number.charAt(0) >= '2' && number.charAt(0) <= '6' && Checksums.luhn(number)) {
				found = last;
			}
		}
		return found;
	}

	/** The digit groups of a run, as [start, end) pairs. */
	private static List<int[]> groups(String text, int start, int end) {
		List<int[]> groups = new ArrayList<>();
		int at = start;
		for (String group : SEPARATOR.split(text.substring(start, end))) {
			groups.add(new int[] { at, at + group.length() });
			at += group.length() + 1;
		}
		return groups;
	}

	static void findPhones(String text, List<int[]> windows, Spans spans) {
		phones(PAIRS, text, windows, 0, spans, 10, 10, false);
		Matcher introducing = INTRODUCING.matcher(text);
		introducing.useTransparentBounds(true);
		inWindows(INTRODUCED, text, windows, number -> {
			int before = number.start();
			while (before > 0 && " \t\u00A0:：.#".indexOf(text.charAt(before - 1)) >= 0) {
				before--;
			}
			if (before == 0 || !Character.isLetter(text.charAt(before - 1))) {
				return; // after a word only
			}
			int from = Math.max(0, number.start() - 32);
			if (mayIntroduce(text.substring(from, number.start()))
					&& introducing.region(from, number.start()).find()) {
				phone(number.group(), number.start(), number.end(), spans, 7, 15, true);
			}
		});
		phones(INTERNATIONAL, text, windows, 0, spans, 8, 15, false);
		phones(INTERNATIONAL_00, text, windows, 0, spans, 10, 17, false);
		phones(NORTH_AMERICAN, text, windows, 0, spans, 10, 10, false);
		inWindows(NATIONAL, text, windows, national -> {
			String[] groups = GROUP_BREAK.split(national.group().replaceFirst("^\\(", ""));
			// 0644 0755: a subscriber number does not start with 0 (file modes, padded counters).
			if (groups.length >= 2 && groups[1].charAt(0) != '0') {
				phone(national.group(), national.start(), national.end(), spans, 9, 12, true);
			}
		});
	}

	/** Whether the text before a number holds the stem of a word of {@link #INTRODUCING}: cheaper than the pattern. */
	private static boolean mayIntroduce(String before) {
		String lower = before.toLowerCase(Locale.ROOT);
		for (String stem : STEMS) {
			if (lower.contains(stem)) {
				return true;
			}
		}
		return false;
	}

	private static void phones(Pattern pattern, String text, List<int[]> windows, int group, Spans spans, int minDigits,
			int maxDigits, boolean notDate) {
		inWindows(pattern, text, windows, matcher -> phone(matcher.group(group), matcher.start(group),
				matcher.end(group), spans, minDigits, maxDigits, notDate));
	}

	private static void phone(String candidate, int start, int end, Spans spans, int minDigits, int maxDigits,
			boolean notDate) {
		int digits = 0;
		for (int i = 0; i < candidate.length(); i++) {
			if (Character.isDigit(candidate.charAt(i))) {
				digits++;
			}
		}
		if (digits >= minDigits && digits <= maxDigits && !(notDate && DATE.matcher(candidate).matches())) {
			spans.add(start, end, Placeholder.PHONE);
		}
	}

}
