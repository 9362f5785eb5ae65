package dev.feedbackchat.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackMode;
import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.feedback.FeedbackProperties;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import static org.assertj.core.api.Assertions.assertThat;

/** A message filled into its shape is exactly what the template renders with the message's own values. */
class MessageViewsTests {

	static final List<String> TEXTS = List.of("hello", "", "<script>alert(\"x\")</script> & 'quotes'",
			"line\nbreak  and\ttab", "😀 emoji and \uE000text\uE000 a marker", "# Title\n\n- a *list* [link](javascript:x)");

	/** The details sent with a rating: none (the form is offered), a comment, reasons alone, or all three. */
	enum Details {

		NONE, COMMENT, REASONS, ALL;

		Turn.Feedback of(int rating, String text) {
			List<String> reasons = List.of("Too long", "Didn't follow <instructions> & \"more\"");
			return switch (this) {
				case NONE -> new Turn.Feedback(rating, null);
				case COMMENT -> new Turn.Feedback(rating, text);
				case REASONS -> new Turn.Feedback(rating, null, reasons, null);
				case ALL -> new Turn.Feedback(rating, text, reasons, text);
			};
		}

	}

	static Stream<Arguments> answers() {
		return Stream.of(FeedbackScale.values())
			.flatMap(scale -> Stream.of(AnswerStatus.COMPLETE, AnswerStatus.STOPPED, AnswerStatus.GENERATING)
				.flatMap(status -> TEXTS.stream()
					.flatMap(text -> Stream.of(true, false)
						// Unrated, negative, positive (thumbs up) or neutral (the middle face or star).
						.flatMap(markdown -> Stream.of(null, 0, 1, scale.max() / 2).distinct()
							.flatMap(rating -> Stream.of(Details.values())
								.map(details -> Arguments.of(scale, status, text, markdown, rating, details)))))));
	}

	@ParameterizedTest
	@MethodSource("answers")
	void answerFillsItsShapeAsTheTemplateRendersIt(FeedbackScale scale, AnswerStatus status, String text,
			boolean markdown, Integer rating, Details details) {
		MessageViews views = VIEWS.computeIfAbsent(scale, MessageViewsTests::views);
		boolean live = status == AnswerStatus.GENERATING;
		Turn turn = new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), text, Instant.now()),
				new Turn.Answer(UUID.randomUUID(), live ? "" : text, status, null,
						new Turn.Origin("test", "model", markdown, "instance"), Instant.now(), 3L),
				live || rating == null ? Turn.Feedback.NONE : details.of(rating, text));

		assertThat(views.answer(turn, true)).isEqualTo(views.rendered(turn, true));
		assertThat(views.answer(turn, false)).isEqualTo(views.rendered(turn, false));
		assertThat(views.prompt(turn)).isEqualTo(views.rendered(turn.prompt()));
	}

	/** One per scale for all cases, so that its shapes are filled again and again, as in the app. */
	static final Map<FeedbackScale, MessageViews> VIEWS = new ConcurrentHashMap<>();

	static MessageViews views(FeedbackScale scale) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(true);
		return new MessageViews(engine, new FeedbackPolicy(new FeedbackProperties(FeedbackMode.LOCKED, scale)),
				new MarkdownRenderer(), new ChatProperties(new ChatProperties.Prompt(4000), new ChatProperties.History(200, 20)),
				"", 1_000_000);
	}

}
