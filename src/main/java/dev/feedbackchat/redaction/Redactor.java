package dev.feedbackchat.redaction;

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

	/** Fewer digits than this hold no phone number (the shortest taken is 7), card or IBAN. */
	private static final int MIN_DIGITS = 7;

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
		if (digits(text) >= MIN_DIGITS) {
			Numbers.keepIds(text, spans);
			Numbers.findIbans(text, spans);
			Numbers.findCards(text, spans);
			Numbers.findPhones(text, spans);
		}
		return spans.applyTo(text);
	}

	private static int digits(String text) {
		int digits = 0;
		for (int i = 0; i < text.length() && digits < MIN_DIGITS; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits++;
			}
		}
		return digits;
	}

}
