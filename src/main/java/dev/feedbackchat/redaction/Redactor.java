package dev.feedbackchat.redaction;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Replaces personal data and credentials in a text by typed placeholders ({@code [EMAIL]}, {@code [PHONE]},
 * {@code [CARD]}, {@code [IBAN]}, {@code [SECRET]}) before the text is stored ({@code chat.privacy.redact}); a
 * no-op when off. Only what is written to the database is redacted: the model gets the prompt as typed, and the
 * live page shows it. Thread-safe: the patterns are compiled once.
 */
@Component
public class Redactor {

	private final boolean enabled;

	public Redactor(@Value("${chat.privacy.redact:false}") boolean enabled) {
		this.enabled = enabled;
	}

	public boolean enabled() {
		return enabled;
	}

	/** The text to store: redacted when on, else as it is; {@code null} stays {@code null}. */
	public String redact(String text) {
		return enabled && text != null ? redacted(text) : text;
	}

	/** The text with every piece found replaced, whether redaction is on or not; the same instance when none. */
	static String redacted(String text) {
		Spans spans = new Spans();
		// Earlier detectors win an overlap: a key holding digits is a secret, not a phone number.
		Secrets.find(text, spans);
		Emails.find(text, spans);
		Numbers.keepIds(text, spans);
		Numbers.findIbans(text, spans);
		List<int[]> windows = Numbers.windows(text);
		if (!windows.isEmpty()) {
			Numbers.findCards(text, windows, spans);
			Numbers.findPhones(text, windows, spans);
		}
		return spans.applyTo(text);
	}

}
