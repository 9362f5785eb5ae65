package dev.feedbackchat.model;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.springframework.context.MessageSourceResolvable;

/**
 * The message of a failed answer, as stored with it (its {@code error}): a message code of the bundles (keys under
 * {@code answer.failed.}) and its arguments, joined by U+001F, so each page shows it in its own language. Text that
 * is not such a code (answers stored before the codes, or another's message) is shown as it stands.
 */
public final class FailureMessage implements MessageSourceResolvable {

	private static final char SEPARATOR = '\u001F';

	private static final Pattern CODE = Pattern.compile("answer\\.failed(\\.[A-Za-z0-9]+)+");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,18}");

	private final String stored;

	private final String code;

	private final Object[] arguments;

	private FailureMessage(String stored, String code, Object[] arguments) {
		this.stored = stored;
		this.code = code;
		this.arguments = arguments;
	}

	/**
	 * What to store: the code and its arguments (as text; whole numbers come back as numbers). An argument loses
	 * any U+001F it holds.
	 */
	public static String of(String code, Object... arguments) {
		StringBuilder stored = new StringBuilder(code);
		for (Object argument : arguments) {
			stored.append(SEPARATOR).append(String.valueOf(argument).replace(SEPARATOR, ' '));
		}
		return stored.toString();
	}

	/** The stored message, to be resolved in a language: its code, or the text itself as the default. */
	public static FailureMessage parse(String stored) {
		String[] parts = stored.split(String.valueOf(SEPARATOR), -1);
		if (!CODE.matcher(parts[0]).matches()) {
			return new FailureMessage(stored, null, new Object[0]);
		}
		Object[] arguments = Arrays.stream(parts, 1, parts.length)
			.map(part -> WHOLE_NUMBER.matcher(part).matches() ? (Object) Long.valueOf(part) : part)
			.toArray();
		return new FailureMessage(stored, parts[0], arguments);
	}

	@Override
	public String[] getCodes() {
		return code == null ? null : new String[] { code };
	}

	@Override
	public Object[] getArguments() {
		return arguments.clone();
	}

	/** Shown where the bundles lack the code: the stored text as it stands. */
	@Override
	public String getDefaultMessage() {
		return stored;
	}

}
