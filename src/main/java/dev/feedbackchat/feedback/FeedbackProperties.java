package dev.feedbackchat.feedback;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.feedbackchat.model.Blank;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param mode       {@code chat.feedback.mode}: {@code locked}, {@code changeable} or {@code latest-only}
 * @param scale      {@code chat.feedback.scale}: {@code thumbs}, {@code faces} or {@code stars}
 * @param reasons    {@code chat.feedback.reasons.*}: the reasons offered after a rating, per sentiment
 * @param correction {@code chat.feedback.correction.max-length}: longest correction accepted, in characters
 */
@ConfigurationProperties("chat.feedback")
public record FeedbackProperties(FeedbackMode mode, FeedbackScale scale, @DefaultValue Reasons reasons,
		@DefaultValue Correction correction) {

	/** Longest reason label: all labels of a list, one per line, fit the record's column (4,000 characters). */
	static final int REASON_MAX_LENGTH = 100;

	static final int REASONS_MAX_COUNT = 30;

	/** The record's column holds 1,000,000 characters, and a code point takes two of them at most. */
	static final int CORRECTION_LIMIT = 500_000;

	/** Bound from the settings (the record has a second constructor). */
	@ConstructorBinding
	public FeedbackProperties {
	}

	/** Reasons and corrections with their defaults. */
	public FeedbackProperties(FeedbackMode mode, FeedbackScale scale) {
		this(mode, scale, Reasons.DEFAULT, Correction.DEFAULT);
	}

	/**
	 * The chips offered after a rating, in the order shown; an empty list offers none. Labels are stored as they
	 * are, one per line: each must have a visible character, no line break, control or private-use character, no
	 * space at either end, at most 100 characters, and appear once in its list (a label may be in both lists).
	 *
	 * @param negative {@code chat.feedback.reasons.negative}: after a negative rating
	 * @param positive {@code chat.feedback.reasons.positive}: after a positive one
	 */
	public record Reasons(
			@DefaultValue({ "Not factually correct", "Didn't follow instructions", "Incomplete", "Too long",
					"Unsafe or offensive", "Other" }) List<String> negative,
			@DefaultValue({ "Accurate", "Helpful", "Well written" }) List<String> positive) {

		static final Reasons DEFAULT = new Reasons(List.of("Not factually correct", "Didn't follow instructions",
				"Incomplete", "Too long", "Unsafe or offensive", "Other"), List.of("Accurate", "Helpful", "Well written"));

		public Reasons {
			negative = valid("negative", negative);
			positive = valid("positive", positive);
		}

		/** The reasons offered after a rating of this sentiment: none after a neutral one. */
		public List<String> of(Sentiment sentiment) {
			return switch (sentiment) {
				case NEGATIVE -> negative;
				case POSITIVE -> positive;
				case NEUTRAL -> List.of();
			};
		}

		private static List<String> valid(String name, List<String> labels) {
			String setting = "chat.feedback.reasons." + name;
			if (labels == null) {
				return List.of();
			}
			require(labels.size() <= REASONS_MAX_COUNT, "%s offers %d reasons; at most %d are allowed", setting,
					labels.size(), REASONS_MAX_COUNT);
			Set<String> seen = new HashSet<>();
			for (String label : labels) {
				require(label != null && !Blank.is(label), "%s has a blank reason", setting);
				require(label.codePoints().noneMatch(FeedbackProperties::unfit),
						"%s: reason \"%s\" has a line break, another control character or a private-use character",
						setting, label.strip());
				require(label.length() <= REASON_MAX_LENGTH, "%s: reason \"%s\" is longer than %d characters", setting,
						label, REASON_MAX_LENGTH);
				require(label.equals(label.strip()), "%s: reason \"%s\" starts or ends with a space", setting, label);
				require(seen.add(label), "%s lists \"%s\" twice", setting, label);
			}
			return List.copyOf(labels);
		}

	}

	/** @param maxLength {@code chat.feedback.correction.max-length}: longest correction accepted, in characters */
	public record Correction(@DefaultValue("8000") int maxLength) {

		static final Correction DEFAULT = new Correction(8000);

		public Correction {
			require(maxLength >= 1 && maxLength <= CORRECTION_LIMIT,
					"chat.feedback.correction.max-length must be from 1 to %,d, not %d", CORRECTION_LIMIT, maxLength);
		}

	}

	/**
	 * Line and paragraph separators and control characters (line feed, carriage return, NEL, NUL...), which the
	 * record's one-label-per-line form cannot hold; and private-use characters, which mark where texts go in the
	 * widget's rendered shape (see MessageViews), whose key holds the labels.
	 */
	private static boolean unfit(int codePoint) {
		int type = Character.getType(codePoint);
		return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.PRIVATE_USE;
	}

	private static void require(boolean valid, String message, Object... arguments) {
		if (!valid) {
			throw new IllegalArgumentException(message.formatted(arguments));
		}
	}

}
