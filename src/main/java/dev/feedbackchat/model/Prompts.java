package dev.feedbackchat.model;

/** What makes a prompt acceptable, wherever one is typed (the chat, the arena). */
public final class Prompts {

	private Prompts() {
	}

	/**
	 * The prompt as typed, line breaks as LF.
	 *
	 * @throws Refused when it is blank (400) or longer than {@code maxLength} code points (413)
	 */
	public static String checked(String text, int maxLength) {
		// Browsers send a textarea's line breaks as CRLF; the user typed LF.
		String prompt = text.replace("\r\n", "\n");
		if (Blank.is(prompt)) {
			throw Refused.invalid("refused.prompt.empty");
		}
		int length = prompt.codePointCount(0, prompt.length());
		if (length > maxLength) {
			throw Refused.tooLarge("refused.prompt.tooLong", length, maxLength);
		}
		return prompt;
	}

}
