package dev.feedbackchat.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;

/**
 * The rating filter: a sentiment ({@code positive}, {@code neutral}, {@code negative}) or one stored value on
 * one scale ({@code thumbs-1}, {@code faces-0}, {@code stars-4}).
 *
 * @param id        as in the URL
 * @param sentiment the sentiment, or {@code null} for a value
 * @param scale     the value's scale, or {@code null} for a sentiment
 */
record RatingChoice(String id, Sentiment sentiment, FeedbackScale scale, int value) {

	private static final Pattern VALUE = Pattern.compile("([a-z]+)-(\\d)");

	/** The choices of the filter form, in the order shown. */
	static final List<Group> GROUPS = groups();

	/** A labelled group of choices, an optgroup of the form's select; labels are message codes. */
	record Group(String code, List<Option> options) {
	}

	record Option(String id, String code) {
	}

	/** The message code of a value's label, as the dashboard names it: "Thumbs up", "4 stars", "Happy". */
	static String labelCode(FeedbackScale scale, int value) {
		return "admin.rating." + scale.id() + "." + value;
	}

	static RatingChoice parse(String id) {
		for (Sentiment sentiment : Sentiment.values()) {
			if (sentiment.id().equals(id)) {
				return new RatingChoice(id, sentiment, null, 0);
			}
		}
		Matcher value = VALUE.matcher(id);
		if (value.matches()) {
			for (FeedbackScale scale : FeedbackScale.values()) {
				int number = Integer.parseInt(value.group(2));
				if (scale.id().equals(value.group(1)) && scale.accepts(number)) {
					return new RatingChoice(id, null, scale, number);
				}
			}
		}
		throw new InvalidFilterException("admin.filter.invalid.rating", id);
	}

	private static List<Group> groups() {
		List<Group> groups = new ArrayList<>();
		groups.add(new Group("admin.filter.sentiment",
				Arrays.stream(Sentiment.values()).map(s -> new Option(s.id(), "admin.sentiment." + s.id())).toList()));
		for (FeedbackScale scale : FeedbackScale.values()) {
			List<Option> options = new ArrayList<>();
			for (int value = scale.max(); value >= 0; value--) {
				options.add(new Option(scale.id() + "-" + value, labelCode(scale, value)));
			}
			groups.add(new Group("admin.scale." + scale.id(), options));
		}
		return List.copyOf(groups);
	}

}
