package dev.feedbackchat.redaction;

import java.util.ArrayList;
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

	/** After {@code scheme://}: the user and the password of {@code user:password@host}. */
	private static final Pattern URL_PASSWORD = Pattern.compile("[^\\s/:@]*:([^\\s/@]+)@");

	/**
	 * A vendor's key, known by its prefix: each pattern is tried only where its prefix occurs, and needs no letter or
	 * digit just before it; checked for randomness after, so words and names stay.
	 */
	private static final List<Prefixed> PREFIXED = prefixed();

	private static final Pattern BEARER = Pattern.compile("\\b[Bb]earer[ \\t]+([A-Za-z0-9_\\-+/=.~]{16,})");

	private static final List<String> SCHEMES = List.of("Bearer", "Basic", "Token", "bearer", "token");

	/** What a word in a name must be for its value to be a secret. */
	private static final Set<String> SECRET_WORDS = Set.of("key", "apikey", "accesskey", "secretkey", "privatekey",
			"token", "accesstoken", "authtoken", "refreshtoken", "idtoken", "secret", "secrets", "credential",
			"credentials", "auth", "authorization", "bearer", "signature", "sig");

	/** Words that name a password, in a few languages: shorter values count. */
	private static final Set<String> PASSWORD_WORDS = Set.of("password", "passwd", "pwd", "pass", "passphrase",
			"passwort", "kennwort", "passe", "contraseña", "contrasena", "senha", "пароль", "密码", "パスワード", "clave",
			"wachtwoord", "lösenord", "salasana", "hasło", "haslo");

	private Secrets() {
	}

	static void find(String text, Spans spans) {
		if (text.contains("PRIVATE KEY-----")) {
			all(PEM.matcher(text), text, spans);
		}
		for (int at = text.indexOf("://"); at > 0; at = text.indexOf("://", at + 3)) {
			if (Character.isLetter(text.charAt(at - 1))) {
				Matcher url = URL_PASSWORD.matcher(text).region(at + 3, text.length());
				if (url.lookingAt() && !isStandIn(url.group(1))) {
					spans.add(url.start(1), url.end(1), Placeholder.SECRET);
				}
			}
		}
		for (Prefixed prefixed : PREFIXED) {
			for (int at = text.indexOf(prefixed.literal()); at >= 0; at = text.indexOf(prefixed.literal(), at + 1)) {
				if (at > 0 && isKeyChar(text.charAt(at - 1))) {
					continue;
				}
				Matcher key = prefixed.pattern().matcher(text).region(at, text.length());
				if (key.lookingAt() && (prefixed.jwt() || looksRandom(key.group(), 20))) {
					spans.add(key.start(), key.end(), Placeholder.SECRET);
				}
			}
		}
		findAssignments(text, spans);
		if (text.contains("earer")) {
			Matcher bearer = BEARER.matcher(text);
			while (bearer.find()) {
				if (looksRandom(bearer.group(1), 16)) {
					spans.add(bearer.start(1), bearer.end(1), Placeholder.SECRET);
				}
			}
		}
	}

	/**
	 * {@code name = value}, {@code name: value}, {@code "name": "value"}, {@code Authorization: Bearer value}: found
	 * from each = or : back to the name, judged by its words ({@link #hasWord}), and on to the value, judged by
	 * its look ({@link #looksRandom}, {@link #looksLikePassword}). No pattern runs over the whole text.
	 */
	private static void findAssignments(String text, Spans spans) {
		for (int at = 0; at < text.length(); at++) {
			char c = text.charAt(at);
			if (c != '=' && c != ':' && c != '：') {
				continue;
			}
			int nameEnd = at;
			if (c == '=' && at > 0 && (text.charAt(at - 1) == ':' || text.charAt(at - 1) == '=')) {
				continue; // := and == are read from their first character
			}
			while (nameEnd > 0 && (text.charAt(nameEnd - 1) == ' ' || text.charAt(nameEnd - 1) == '\t')) {
				nameEnd--;
			}
			if (nameEnd > 0 && (text.charAt(nameEnd - 1) == '"' || text.charAt(nameEnd - 1) == '\'')) {
				nameEnd--;
			}
			int nameStart = nameEnd;
			while (nameStart > 0 && nameEnd - nameStart < 64 && isNameChar(text.charAt(nameStart - 1))) {
				nameStart--;
			}
			if (nameStart == nameEnd || nameStart > 0 && isNameChar(text.charAt(nameStart - 1))) {
				continue;
			}
			String name = text.substring(nameStart, nameEnd);
			boolean password = hasWord(name, PASSWORD_WORDS);
			if (!password && !hasWord(name, SECRET_WORDS)) {
				continue;
			}
			int from = at + 1;
			if (from < text.length() && (text.charAt(from) == '=' || text.charAt(from) == '>')) {
				from++;
			}
			int start = valueStart(text, from);
			int end = start;
			while (end < text.length() && isValueChar(text.charAt(end))) {
				end++;
			}
			end = trimmedEnd(text, start, end);
			if (end - start < 6) {
				continue;
			}
			String found = text.substring(start, end);
			if (password ? looksLikePassword(found) : looksRandom(found, 16)) {
				spans.add(start, end, Placeholder.SECRET);
			}
		}
	}

	/** Where the value starts: after blanks, a quote and a scheme such as Bearer. */
	private static int valueStart(String text, int from) {
		int at = from;
		while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
			at++;
		}
		if (at < text.length() && "\"'`".indexOf(text.charAt(at)) >= 0) {
			at++;
		}
		for (String scheme : SCHEMES) {
			if (text.startsWith(scheme, at) && at + scheme.length() < text.length()
					&& (text.charAt(at + scheme.length()) == ' ' || text.charAt(at + scheme.length()) == '\t')) {
				at += scheme.length();
				while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
					at++;
				}
				break;
			}
		}
		return at;
	}

	/** What a key, token or password may be made of: letters, digits and the symbols that need no quoting. */
	private static boolean isValueChar(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_-+/=.~!@#$%^&*?".indexOf(c) >= 0;
	}

	private static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
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

	/** Whether the name, or one of its words (split at _ . - and camelCase), is one of these. */
	private static boolean hasWord(String name, Set<String> words) {
		if (words.contains(name.toLowerCase(Locale.ROOT))) {
			return true;
		}
		int start = 0;
		for (int at = 1; at <= name.length(); at++) {
			boolean end = at == name.length();
			char c = end ? '_' : name.charAt(at);
			boolean separator = c == '_' || c == '.' || c == '-';
			if (separator || Character.isUpperCase(c) && Character.isLowerCase(name.charAt(at - 1))) {
				if (at > start && words.contains(name.substring(start, at).toLowerCase(Locale.ROOT))) {
					return true;
				}
				start = separator ? at + 1 : at;
			}
		}
		return false;
	}

	/** A reference in code to where the value is: {@code process.env.API_KEY}, {@code settings.token}. */
	private static boolean isCodePath(String value) {
		if (value.indexOf('.') < 0) {
			return false;
		}
		boolean segmentStart = true;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '.') {
				if (segmentStart) {
					return false;
				}
				segmentStart = true;
			}
			else if (segmentStart ? Character.isLetter(c) || c == '_' : Character.isLetterOrDigit(c) || c == '_') {
				segmentStart = false;
			}
			else {
				return false;
			}
		}
		return !segmentStart;
	}

	/** A template, an environment variable, a reference in code or a mask, not a credential. */
	private static boolean isStandIn(String value) {
		return isCodePath(value) || value.startsWith("$") || value.startsWith("<") || value.startsWith("[") || value.startsWith("{")
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

	private static List<Prefixed> prefixed() {
		List<Prefixed> prefixed = new ArrayList<>();
		// OpenAI (sk-, sk-proj-, sk-svcacct-), Anthropic (sk-ant-)
		prefixed.add(new Prefixed("sk-", "sk-[A-Za-z0-9_-]{20,}"));
		for (String github : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
			prefixed.add(new Prefixed(github, github + "[A-Za-z0-9]{30,}"));
		}
		prefixed.add(new Prefixed("github_pat_", "github_pat_[A-Za-z0-9_]{22,}"));
		for (String aws : List.of("AKIA", "ASIA", "ABIA", "ACCA")) {
			prefixed.add(new Prefixed(aws, aws + "[A-Z0-9]{16}(?![A-Za-z0-9])"));
		}
		prefixed.add(new Prefixed("xox", "xox[abprs]-[A-Za-z0-9-]{10,}"));
		for (String stripe : List.of("sk_live_", "rk_live_", "sk_test_", "rk_test_")) {
			prefixed.add(new Prefixed(stripe, stripe + "[A-Za-z0-9]{16,}"));
		}
		prefixed.add(new Prefixed("AIza", "AIza[0-9A-Za-z_-]{35}"));
		prefixed.add(new Prefixed("eyJ", "eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"));
		return List.copyOf(prefixed);
	}

	private static boolean isKeyChar(char c) {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
	}

	/** A key's prefix and its pattern, which starts with the prefix. */
	private record Prefixed(String literal, Pattern pattern) {

		Prefixed(String literal, String pattern) {
			this(literal, Pattern.compile(pattern));
		}

		/** A JSON Web Token: its shape is enough, its parts are base64 of JSON. */
		boolean jwt() {
			return literal.equals("eyJ");
		}

	}

}
