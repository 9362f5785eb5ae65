package dev.feedbackchat.redaction;

/** What a redacted piece of text was, as the text that takes its place. */
enum Placeholder {

	EMAIL, PHONE, CARD, IBAN, SECRET;

	private final String text = "[" + name() + "]";

	String text() {
		return text;
	}

}
