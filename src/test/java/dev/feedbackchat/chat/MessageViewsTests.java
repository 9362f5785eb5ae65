package dev.feedbackchat.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

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

		// Shapes are kept per language: each fills as the template renders it in that language.
		for (Locale language : List.of(Locale.ENGLISH, Locale.GERMAN)) {
			assertThat(views.answer(turn, true, language)).isEqualTo(views.rendered(turn, true, language));
			assertThat(views.answer(turn, false, language)).isEqualTo(views.rendered(turn, false, language));
			assertThat(views.prompt(turn, language)).isEqualTo(views.rendered(turn.prompt(), language));
		}
	}

	/** One per scale for all cases, so that its shapes are filled again and again, as in the app. */
	static final Map<FeedbackScale, MessageViews> VIEWS = new ConcurrentHashMap<>();

	static Stream<Arguments> siblings() {
		return Stream.of(AnswerStatus.COMPLETE, AnswerStatus.STOPPED, AnswerStatus.GENERATING, AnswerStatus.FAILED)
			.flatMap(status -> Stream.of(new int[] { 1, 0 }, new int[] { 2, 0 }, new int[] { 2, 1 }, new int[] { 3, 1 })
				.flatMap(place -> Stream.of(null, 1)
					.flatMap(rating -> Stream.of(true, false)
						.map(markdown -> Arguments.of(status, place[0], place[1], rating, markdown)))));
	}

	/** The switcher and Regenerate are part of an answer's shape: each state fills as the template renders it. */
	@ParameterizedTest
	@MethodSource("siblings")
	void answerWithSiblingsFillsItsShapeAsTheTemplateRendersIt(AnswerStatus status, int count, int shown,
			Integer rating, boolean markdown) {
		MessageViews views = VIEWS.computeIfAbsent(FeedbackScale.THUMBS, MessageViewsTests::views);
		boolean live = status == AnswerStatus.GENERATING;
		List<Turn.Sibling> siblings = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			boolean last = i == count - 1;
			AnswerStatus own = last ? status : AnswerStatus.COMPLETE;
			siblings.add(new Turn.Sibling(new Turn.Answer(UUID.randomUUID(), last && live ? "" : "answer <" + i + ">", own,
					own == AnswerStatus.FAILED ? "Failed <b>" : null, new Turn.Origin("test", "model", markdown, "i"),
					Instant.now(), 3L, i == 0 ? null : UUID.randomUUID()),
					own.rateable() && rating != null ? new Turn.Feedback(rating, null) : Turn.Feedback.NONE));
		}
		// The shown answer is the one in {@code status}: the last, moved to the position shown.
		siblings.add(shown, siblings.remove(count - 1));
		Turn turn = new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), "prompt", Instant.now(), UUID.randomUUID()),
				siblings, shown);

		for (boolean latest : List.of(true, false)) {
			String html = views.answer(turn, latest, Locale.ENGLISH);
			assertThat(html).isEqualTo(views.rendered(turn, latest, Locale.ENGLISH));
			Element article = Jsoup.parseBodyFragment(html).selectFirst("article");
			assertThat(article.select(".sibling-place").text())
				.isEqualTo(count > 1 && !live ? (shown + 1) + " / " + count : "");
			assertThat(article.select("button[aria-label=Regenerate]")).hasSize(latest && status.rateable() ? 1 : 0);
			if (count > 1 && !live) {
				assertThat(article.selectFirst("button[aria-label='Previous answer']").attr("hx-post"))
					.isEqualTo(shown > 0 ? "/messages/" + siblings.get(shown - 1).answer().id() + "/show" : "");
				assertThat(article.selectFirst("button[aria-label='Next answer']").attr("hx-post"))
					.isEqualTo(shown < count - 1 ? "/messages/" + siblings.get(shown + 1).answer().id() + "/show" : "");
			}
		}
	}

	static MessageViews views(FeedbackScale scale) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(true);
		engine.setMessageSource(messages());
		return new MessageViews(engine, new FeedbackPolicy(new FeedbackProperties(FeedbackMode.LOCKED, scale)),
				new MarkdownRenderer(), new ChatProperties(new ChatProperties.Prompt(4000), new ChatProperties.History(200, 20, 10)),
				messages(), "", 1_000_000);
	}

	/** The app's bundles, as Spring Boot sets them up (spring.messages.*). */
	static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
