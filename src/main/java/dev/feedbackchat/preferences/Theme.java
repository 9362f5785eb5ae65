package dev.feedbackchat.preferences;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The colour theme chosen in the header's form; SYSTEM follows the device's light or dark mode (no cookie). */
enum Theme {

	SYSTEM, LIGHT, DARK;

	/** As the form, the cookie and the page's {@code data-theme} attribute carry it: {@code light}, {@code dark}. */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Theme> of(String id) {
		return Arrays.stream(values()).filter(theme -> theme.id().equals(id)).findFirst();
	}

}
