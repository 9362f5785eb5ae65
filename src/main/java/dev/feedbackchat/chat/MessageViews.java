package dev.feedbackchat.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.ClosingView;
import dev.feedbackchat.conversation.Conversation;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.feedback.FeedbackWidget;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FailureMessage;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.thymeleaf.ITemplateEngine;
import org.unbescape.html.HtmlEscape;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders messages to HTML with the templates, off any request: a message's HTML depends on the message and the
 * language alone (no CSRF token, no request URL), so the same code renders the page, the fragments of htmx responses
 * and the closing event of a stream, which is rendered where the answer finishes. The language is the locale's
 * (the bundles are per language): everything rendered once is kept per language.
 */
@Component
public class MessageViews implements ClosingView {

	private static final String MESSAGES = "chat/messages";

	private final ITemplateEngine templates;

	private final FeedbackPolicy policy;

	private final MarkdownRenderer markdown;

	private final ChatProperties properties;

	private final MessageSource messages;

	/** The servlet context path: links are built from it, not from a request. */
	private final String root;

	/**
	 * Fragments rendered once per shape (what the template decides on: an answer's status, a widget's state), with
	 * markers where a message's id and texts go, and Markdown rendered once per answer text. Bounded by characters.
	 */
	private final Cache<Object, Object> rendered;

	MessageViews(ITemplateEngine templates, FeedbackPolicy policy, MarkdownRenderer markdown,
			ChatProperties properties, MessageSource messages, @Value("${server.servlet.context-path:}") String root,
			@Value("${chat.render.cache:8000000}") long cachedCharacters) {
		this.templates = templates;
		this.policy = policy;
		this.markdown = markdown;
		this.properties = properties;
		this.messages = messages;
		this.root = root;
		this.rendered = Caffeine.newBuilder()
			.maximumWeight(cachedCharacters)
			.weigher((Object key, Object value) -> value instanceof String html ? html.length() : 1_000)
			.build();
	}

	/**
	 * The closing event's HTML: the finished answer, the composer enabled again, and the one announcement of the
	 * answer's end for screen readers.
	 */
	@Override
	public String html(Turn finished, boolean latest, Locale locale) {
		Locale language = language(locale);
		return answer(finished, latest, language) + composer(false, language)
				+ announced(finished.answer().status(), language);
	}

	/**
	 * A new turn, just started: its prompt and answer, the composer disabled, any old error and announcement
	 * cleared.
	 */
	String started(Turn turn, Locale locale) {
		Locale language = language(locale);
		return prompt(turn, language) + answer(turn, true, language) + composer(true, language)
				+ errorCleared(language) + announcer(null, language);
	}

	/** A retried or regenerated answer, streaming in place of the one the page showed. */
	String retried(Turn turn, Locale locale) {
		Locale language = language(locale);
		return answer(turn, true, language) + composer(true, language) + errorCleared(language)
				+ announcer(null, language);
	}

	/** Another answer of a turn, shown in place of the one the page showed, and the error region cleared. */
	String shown(Turn turn, boolean latest, Locale locale) {
		Locale language = language(locale);
		return answer(turn, latest, language) + errorCleared(language);
	}

	/**
	 * The rating widget of an answer, and the error region: cleared, or saying why the request changed nothing.
	 *
	 * @param refusal a message code, or {@code null}
	 */
	String widget(Turn turn, boolean latest, String refusal, Locale locale) {
		Locale language = language(locale);
		String html = widget(policy.widget(turn, latest), language);
		String region = refusal == null ? errorCleared(language)
				: error(messages.getMessage(refusal, null, language), language);
		return (html == null ? "" : html) + region;
	}

	/** The emptied conversation after New chat. */
	String emptied(Locale locale) {
		Locale language = language(locale);
		return render(MESSAGES, "list", window(Conversation.Window.EMPTY, false, language), language)
				+ composer(false, language) + errorCleared(language) + announcer(null, language);
	}

	/** The announcement of how an answer ended (none while it is still generating). */
	private String announced(AnswerStatus status, Locale language) {
		return switch (status) {
			case COMPLETE -> announcer("a11y.answer.finished", language);
			case STOPPED -> announcer("a11y.answer.stopped", language);
			case FAILED -> announcer("a11y.answer.failed", language);
			default -> "";
		};
	}

	/**
	 * The page's announcer (fragments/status) out of band, saying the message of {@code key}, or cleared for
	 * {@code null}; rendered once per language.
	 */
	private String announcer(String key, Locale language) {
		return (String) rendered.get(new Region("announcer", key, language), k -> {
			Map<String, Object> variables = new HashMap<>();
			variables.put("oob", true);
			variables.put("announce", key);
			return render("fragments/status", "region", variables, language);
		});
	}

	/** The composer's state (out of band): the same for everyone, so rendered once per language. */
	private String composer(boolean streaming, Locale language) {
		return (String) rendered.get(new Region("composer", streaming, language),
				key -> render("chat/composer", "fields", Map.of("streaming", streaming, "oob", true), language));
	}

	/** The error region cleared (out of band), rendered once per language. */
	private String errorCleared(Locale language) {
		return (String) rendered.get(new Region("error", null, language),
				key -> render("fragments/error", "region", Map.of("oob", true), language));
	}

	/**
	 * The language of a locale, which decides every text of these fragments: what keeps them, rendered once, for
	 * de-DE and de-AT alike (and few kept whatever the Accept-Language headers say).
	 */
	static Locale language(Locale locale) {
		return Locale.forLanguageTag(locale.getLanguage());
	}

	/**
	 * The model of a window of messages (template chat/messages :: window).
	 *
	 * @param throughLatest whether the window ends with the conversation's latest turn
	 */
	Map<String, Object> window(Conversation.Window window, boolean throughLatest, Locale locale) {
		Locale language = language(locale);
		List<String> messages = new ArrayList<>();
		List<Turn> turns = window.turns();
		for (int i = 0; i < turns.size(); i++) {
			Turn turn = turns.get(i);
			messages.add(prompt(turn, language));
			// Only a window that ends with the latest turn (the page's) knows which answer is the latest.
			messages.add(answer(turn, throughLatest && i == turns.size() - 1, language));
		}
		Map<String, Object> model = new HashMap<>();
		model.put("messages", messages);
		model.put("earlier", window.earlier() * 2);
		// Without JavaScript the link reloads the page with what it shows from this window on, and a page more.
		model.put("showMore", (turns.size() + window.later()) * 2 + properties.history().pageSize());
		model.put("before", turns.isEmpty() ? null : turns.get(0).siblings().get(0).answer().id());
		model.put("commentForms", List.of());
		return model;
	}

	String prompt(Turn turn, Locale language) {
		Shape shape = shape(new Localized(PromptShape.INSTANCE, language), key -> render(MESSAGES, "prompt",
				Map.of("prompt", new Turn.Prompt(ID, TEXT, Instant.EPOCH)), language), ID.toString(), TEXT);
		return shape.fill(turn.prompt().id().toString(), escape(turn.prompt().text()));
	}

	String answer(Turn turn, boolean latest, Locale language) {
		Turn.Answer answer = turn.answer();
		AnswerStatus status = answer.status();
		boolean live = status == AnswerStatus.GENERATING;
		boolean markdown = !live && answer.origin().markdown();
		String widget = widget(policy.widget(turn, latest), language);
		if (status == AnswerStatus.FAILED || (live && !answer.text().isEmpty())) {
			// Rare (a failure shows its own message; a page reloaded mid-answer resumes from its length): rendered as is.
			return rendered(turn, latest, language);
		}
		Siblings siblings = Siblings.of(turn);
		boolean regenerable = regenerable(turn, latest);
		AnswerShape key = new AnswerShape(status, markdown, widget != null, siblings.place() != null,
				siblings.previous() != null, siblings.next() != null, regenerable);
		Shape shape = shape(new Localized(key, language), k -> render(MESSAGES, "answer", Map.of("view", new AnswerView(
				new Turn.Answer(ID, markdown ? "" : TEXT, status, null, null, Instant.EPOCH, null), live,
				status == AnswerStatus.STOPPED, false, 0, markdown ? HTML : null, false, widget != null ? WIDGET : null,
				key.switcher() ? PLACE : null, key.previous() ? PREVIOUS : null, key.next() ? NEXT : null,
				regenerable, null)), language), ID.toString(), TEXT, HTML, WIDGET, PLACE, PREVIOUS, NEXT);
		return shape.fill(answer.id().toString(), escape(answer.text()),
				markdown ? markdown(answer.text()) : "", widget != null ? widget : "",
				siblings.place() != null ? siblings.place() : "",
				siblings.previous() != null ? siblings.previous() : "", siblings.next() != null ? siblings.next() : "");
	}

	/** Regenerate is offered on the latest turn's answer once it has finished (a failed one offers Retry). */
	private static boolean regenerable(Turn turn, boolean latest) {
		return latest && turn.answer().status().rateable();
	}

	/**
	 * The switcher between the answers to a prompt: shown where there are several, once the shown one has finished.
	 *
	 * @param place "2 / 3", or {@code null} where no switcher is shown
	 */
	private record Siblings(String place, String previous, String next) {

		static Siblings of(Turn turn) {
			int count = turn.siblings().size();
			if (count < 2 || turn.answer().status() == AnswerStatus.GENERATING) {
				return new Siblings(null, null, null);
			}
			int shown = turn.shown();
			return new Siblings((shown + 1) + " / " + count,
					shown > 0 ? turn.siblings().get(shown - 1).answer().id().toString() : null,
					shown < count - 1 ? turn.siblings().get(shown + 1).answer().id().toString() : null);
		}

	}

	/** The answer rendered by the template with its own values, as every shape must fill it. */
	String rendered(Turn turn, boolean latest, Locale language) {
		Turn.Answer answer = turn.answer();
		AnswerStatus status = answer.status();
		boolean live = status == AnswerStatus.GENERATING;
		FeedbackWidget widget = policy.widget(turn, latest);
		Siblings siblings = Siblings.of(turn);
		AnswerView view = new AnswerView(answer, live, status == AnswerStatus.STOPPED, status == AnswerStatus.FAILED,
				answer.length(), !live && answer.origin().markdown() ? markdown(answer.text()) : null,
				status == AnswerStatus.FAILED && latest,
				widget == null ? null : render("feedback/widget", "widget", Map.of("widget", widget), language),
				siblings.place(), siblings.previous(), siblings.next(), regenerable(turn, latest), error(answer, language));
		return render(MESSAGES, "answer", Map.of("view", view), language);
	}

	/**
	 * A failed answer's message: stored as a message code (answer.failed.*) and its arguments for the failures the
	 * app knows, or as text (answers stored before the codes), shown as it stands.
	 */
	private String error(Turn.Answer answer, Locale language) {
		return answer.error() == null ? null : messages.getMessage(FailureMessage.parse(answer.error()), language);
	}

	/** The prompt rendered by the template with its own values. */
	String rendered(Turn.Prompt prompt, Locale language) {
		return render(MESSAGES, "prompt", Map.of("prompt", prompt), language);
	}

	/** The rating widget, or {@code null} where none is shown. */
	private String widget(FeedbackWidget widget, Locale language) {
		if (widget == null) {
			return null;
		}
		// The reasons are labels of the settings (few), so they are part of the shape; the texts are filled in.
		FeedbackWidget key = new FeedbackWidget(ID, widget.scale(), widget.buttons(), widget.enabled(), widget.choices(),
				widget.rated(), widget.comment() != null ? COMMENT : null, widget.reasons(),
				widget.correction() != null ? CORRECTION : null, widget.form());
		Shape shape = shape(new Localized(key, language),
				k -> render("feedback/widget", "widget", Map.of("widget", key), language), ID.toString(), COMMENT,
				CORRECTION);
		return shape.fill(widget.messageId().toString(), widget.comment() != null ? escape(widget.comment()) : "",
				widget.correction() != null ? escape(widget.correction()) : "");
	}

	private Shape shape(Object key, Function<Object, String> render, String... markers) {
		return (Shape) rendered.get(key, k -> Shape.of(render.apply(k), markers));
	}

	private String markdown(String text) {
		return (String) rendered.get(new MarkdownOf(text), key -> markdown.html(text));
	}

	/** As the templates' th:text escapes. */
	private static String escape(String text) {
		return HtmlEscape.escapeHtml4Xml(text);
	}

	/** Markers: an id no message has, and texts of private-use characters, which the templates do not contain. */
	static final UUID ID = new UUID(0, 0);

	private static final String TEXT = "\uE000text\uE000";

	private static final String HTML = "\uE000html\uE000";

	private static final String WIDGET = "\uE000widget\uE000";

	private static final String COMMENT = "\uE000comment\uE000";

	private static final String CORRECTION = "\uE000correction\uE000";

	private static final String PLACE = "\uE000place\uE000";

	/** Ids no message has, as the ids of the answers before and after. */
	private static final String PREVIOUS = new UUID(0, 1).toString();

	private static final String NEXT = new UUID(0, 2).toString();

	private enum PromptShape {

		INSTANCE

	}

	private enum ErrorShape {

		INSTANCE

	}

	/** What decides an answer's markup besides its id and texts. */
	private record AnswerShape(AnswerStatus status, boolean markdown, boolean widget, boolean switcher,
			boolean previous, boolean next, boolean regenerate) {
	}

	private record MarkdownOf(String text) {
	}

	/** A shape in a language. */
	private record Localized(Object shape, Locale language) {
	}

	/**
	 * An out-of-band region the same for everyone, in a language: the composer's fields ({@code state}: streaming),
	 * the cleared error region, the announcer ({@code state}: its message key, {@code null} when cleared).
	 */
	private record Region(String name, Object state, Locale language) {
	}

	/** The error region out of band, saying {@code message}. */
	private String error(String message, Locale language) {
		Shape shape = shape(new Localized(ErrorShape.INSTANCE, language),
				key -> render("fragments/error", "region", Map.of("oob", true, "message", TEXT), language), TEXT);
		return shape.fill(escape(message));
	}

	private String render(String template, String fragment, Map<String, Object> variables, Locale language) {
		Context context = new Context(language);
		context.setVariables(variables);
		context.setVariable("root", root);
		return templates.process(template, Set.of(fragment), context);
	}

}
