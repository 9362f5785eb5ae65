package dev.feedbackchat.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: private key blocks, passwords in URLs, API keys by their vendors' prefixes, JSON Web Tokens, and
 * long random-looking values given to a key, token, secret or password. Each pattern runs only when the text
 * holds the literal it starts with.
 */
final class Secrets {

	/** A PEM private key, to its END line or, pasted cut short, to the end of its base64 lines. */
	private static final Pattern PEM = Pattern.compile("-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----"
			+ "(?:[\\s\\S]*?-----END \\1PRIVATE KEY-----|[A-Za-z0-9+/=\\s:,-]*)");

	/** The password of {@code scheme://user:password@host}. */
	private static final Pattern URL_PASSWORD = Pattern
		.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]*:([^\\s/@]+)@");

	/** A vendor's key, known by its prefix: checked for randomness after, so words and names stay. */
	private static final List<Prefixed> PREFIXED = List.of(
			// OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-)
			new Prefixed("sk-", Pattern.compile("(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}")),
			new Prefixed("gh", Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{30,}")),
			new Prefixed("github_pat_", Pattern.compile("(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,}")),
			new Prefixed("A", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])")),
			new Prefixed("xox", Pattern.compile("(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}")),
			new Prefixed("_live_", Pattern.compile("(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{16,}")),
			new Prefixed("_test_", Pattern.compile("(?<![A-Za-z0-9])(?:sk|rk)_test_[A-Za-z0-9]{16,}")),
			new Prefixed("AIza", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}")),
			new Prefixed("eyJ",
					Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*")));

	/**
	 * {@code name = value}, {@code name: value}, {@code "name": "value"}, {@code Authorization: Bearer value}; the
	 * name is judged by its words ({@link #isSecretName}), the value by its look ({@link #looksRandom}).
	 */
	private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\p{L}\\p{N}_.-])([\\p{L}_][\\p{L}\\p{N}_.-]{0,63})"
			+ "[\"']?[ \\t]*(?:=>|:=|=|:|：)[ \\t]*[\"'`]?(?:(?:Bearer|Basic|Token|bearer|token)[ \\t]+)?"
			+ "([A-Za-z0-9_\\-+/=.~!@#$%^&*?]{6,})");

	private static final Pattern BEARER = Pattern.compile("\\b[Bb]earer[ \\t]+([A-Za-z0-9_\\-+/=.~]{16,})");

	/** What a word in a name must be for its value to be a secret. */
	private static final Set<String> SECRET_WORDS = Set.of("key", "apikey", "accesskey", "secretkey", "privatekey",
			"token", "accesstoken", "authtoken", "refreshtoken", "idtoken", "secret", "secrets", "credential",
			"credentials", "auth", "authorization", "bearer", "signature", "sig");

	/** Words that name a password, in a few languages: shorter values count. */
	private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase",
			"passwort", "kennwort", "passe", "contraseña", "contrasena", "senha", "пароль", "密码", "パスワード", "clave",
			"wachtwoord", "lösenord", "salasana", "hasło", "haslo");

	private static final Pattern WORD_BREAK = Pattern.compile("[_.-]+|(?<=\\p{Ll})(?=\\p{Lu})");

	private Secrets() {
	}

	static void find(String text, Spans spans) {
		if (text.contains("PRIVATE KEY-----")) {
			all(PEM.matcher(text), text, spans);
		}
		if (text.contains("://")) {
			Matcher url = URL_PASSWORD.matcher(text);
			while (url.find()) {
				if (!isStandIn(url.group(1))) {
					spans.add(url.start(1), url.end(1), Placeholder.SECRET);
				}
			}
		}
		for (Prefixed prefixed : PREFIXED) {
			if (text.contains(prefixed.literal())) {
				Matcher key = prefixed.pattern().matcher(text);
				while (key.find()) {
					if (prefixed.literal().equals("eyJ") || looksRandom(key.group(), 20)) {
						spans.add(key.start(), key.end(), Placeholder.SECRET);
					}
				}
			}
		}
		if (text.indexOf('=') >= 0 || text.indexOf(':') >= 0 || text.indexOf('：') >= 0) {
			Matcher assignment = ASSIGNMENT.matcher(text);
			while (assignment.find()) {
				String name = assignment.group(1);
				int end = trimmedEnd(text, assignment.start(2), assignment.end(2));
				String value = text.substring(assignment.start(2), end);
				boolean password = hasWord(name, PASSWORD_WORDS);
				if (password ? looksLikePassword(value) : hasWord(name, SECRET_WORDS) && looksRandom(value, 16)) {
					spans.add(assignment.start(2), end, Placeholder.SECRET);
				}
			}
		}
		if (text.contains("earer")) {
			Matcher bearer = BEARER.matcher(text);
			while (bearer.find()) {
				if (looksRandom(bearer.group(1), 16)) {
					spans.add(bearer.start(1), bearer.end(1), Placeholder.SECRET);
				}
			}
		}
	}

	private static void all(Matcher matcher, String text, Spans spans) {
		while (matcher.find()) {
			spans.add(matcher.start(), trimmedEnd(text, matcher.start(), matcher.end()), Placeholder.SECRET);
		}
	}

	/** The end without the trailing white space and sentence punctuation a pattern took along. */
	private static int trimmedEnd(CharSequence text, int start, int end) {
		int trimmed = end;
		while (trimmed > start && ".,;\n\r\t ".indexOf(text.charAt(trimmed - 1)) >= 0) {
			trimmed--;
		}
		return trimmed;
	}

	/** Whether one of the name's words (split at _ . - and camelCase) is one of these. */
	private static boolean hasWord(String name, Set<String> words) {
		if (words.contains(name.toLowerCase(Locale.ROOT))) {
			return true;
		}
		for (String word : WORD_BREAK.split(name)) {
			if (words.contains(word.toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/** A reference in code to where the value is: {@code process.env.API_KEY}, {@code settings.token}. */
	private static final Pattern CODE_PATH = Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_]*\\.)+[A-Za-z_][A-Za-z0-9_]*");

	/** A template, an environment variable, a reference in code or a mask, not a credential. */
	private static boolean isStandIn(String value) {
		return CODE_PATH.matcher(value).matches() || value.startsWith("$") || value.startsWith("<") || value.startsWith("[") || value.startsWith("{")
				|| value.chars().allMatch(c -> c == '*' || c == 'x' || c == 'X' || c == '.');
	}

	/** A password: six characters or more, with a digit or a symbol besides letters, and not a stand-in. */
	static boolean looksLikePassword(String value) {
		if (value.length() < 6 || isStandIn(value)) {
			return false;
		}
		boolean letter = false;
		boolean other = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isLetter(c)) {
				letter = true;
			}
			else {
				other = true;
			}
		}
		return letter && other;
	}

	/**
	 * A machine-made token: long enough, at least two of lower case, upper case and digits, and varied (Shannon
	 * entropy of at least 3 bits per character), so that {@code ENTER_YOUR_KEY_HERE} and {@code my_secret_name} stay.
	 */
	static boolean looksRandom(String value, int minLength) {
		if (value.length() < minLength || isStandIn(value)) {
			return false;
		}
		int lower = 0;
		int upper = 0;
		int digits = 0;
		int[] counts = new int[128];
		int others = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 'a' && c <= 'z') {
				lower = 1;
			}
			else if (c >= 'A' && c <= 'Z') {
				upper = 1;
			}
			else if (c >= '0' && c <= '9') {
				digits = 1;
			}
			if (c < 128) {
				counts[c]++;
			}
			else {
				others++;
			}
		}
		if (lower + upper + digits < 2) {
			return false;
		}
		double entropy = 0;
		double length = value.length();
		for (int count : counts) {
			if (count > 0) {
				double p = count / length;
				entropy -= p * Math.log(p);
			}
		}
		if (others > 0) {
			double p = others / length;
			entropy -= p * Math.log(p);
		}
		return entropy / Math.log(2) >= 3.0;
	}

	private record Prefixed(String literal, Pattern pattern) {
	}

}
