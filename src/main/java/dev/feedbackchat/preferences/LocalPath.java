package dev.feedbackchat.preferences;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path of this app to send a browser back to, never another site: it starts with one "/" (not "//" or "/\",
 * which browsers read as another host; so no scheme either) and is printable ASCII without spaces, as a
 * browser sends a request's path and query (percent-encoded).
 */
final class LocalPath {

	private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[\\x21-\\x7E]*");

	private LocalPath() {
	}

	static Optional<String> of(String path) {
		return path != null && SAFE.matcher(path).matches() ? Optional.of(path) : Optional.empty();
	}

}
