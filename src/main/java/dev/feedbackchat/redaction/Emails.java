package dev.feedbackchat.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: {@code local@domain.tld}, letters of any script. Two look-alikes stay: the user of a URL
 * ({@code ssh://git@host.example}: an account of that host, its password is a secret) and the scp-like target
 * of git and ssh ({@code git@github.com:org/repo.git}).
 */
final class Emails {

	/**
	 * Letters and digits of alphabetic scripts: Chinese and Japanese are written without spaces, so their
	 * characters would join the address to the words around it (an address in them is not taken).
	 */
	private static final String LETTER = "[\\p{L}\\p{N}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]";

	private static final String ALPHA = "[\\p{L}&&[^\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]]";

	/** Tried at the start of each local part that ends at an @ (so that no pattern runs over the whole text). */
	private static final Pattern EMAIL = Pattern.compile("[" + LETTER + "_%+-](?:["
			+ LETTER + "._%+-]{0,63}[" + LETTER + "_%+-])?@(?:" + LETTER + "(?:[" + LETTER + "-]{0,61}" + LETTER
			+ ")?\\.)+" + ALPHA + "{2,24}(?![" + LETTER + "_-])");

	private Emails() {
	}

	static void find(String text, Spans spans) {
		if (text.indexOf('@') < 0) {
			return;
		}
		Matcher email = EMAIL.matcher(text);
		email.useTransparentBounds(true);
		int after = 0;
		for (int at = text.indexOf('@'); at > 0; at = text.indexOf('@', at + 1)) {
			int start = at;
			while (start > after && at - start < 64 && isLocal(text.charAt(start - 1))) {
				start--;
			}
			while (start < at && text.charAt(start) == '.') {
				start++;
			}
			if (start == at) {
				continue;
			}
			email.region(start, text.length());
			if (!email.lookingAt()) {
				continue;
			}
			if (inUrl(text, email.start()) || scpTarget(text, email.end())) {
				spans.keep(email.start(), email.end());
			}
			else {
				spans.add(email.start(), email.end(), Placeholder.EMAIL);
			}
			after = email.end();
		}
	}

	private static boolean isLocal(char c) {
		return Character.isLetterOrDigit(c) && !isCjk(c) || "._%+-".indexOf(c) >= 0;
	}

	private static boolean isCjk(char c) {
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA;
	}

	/** Right after {@code scheme://}: the user part of a URL. */
	private static boolean inUrl(String text, int start) {
		return start >= 3 && text.startsWith("://", start - 3);
	}

	/** Followed by {@code :path}, as in {@code git@github.com:org/repo.git}. */
	private static boolean scpTarget(String text, int end) {
		if (end + 1 >= text.length() || text.charAt(end) != ':') {
			return false;
		}
		char next = text.charAt(end + 1);
		return Character.isLetterOrDigit(next) || next == '/' || next == '~' || next == '_';
	}

}
