package dev.feedbackchat.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.ClosingView;
import dev.feedbackchat.conversation.Conversation;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.feedback.FeedbackWidget;
import dev.feedbackchat.model.AnswerStatus;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders messages to HTML with the templates, off any request: a message's HTML depends on the message alone
 * (no CSRF token, no request URL), so the same code renders the page, the fragments of htmx responses and the
 * closing event of a stream, which is rendered where the answer finishes.
 */
@Component
public class MessageViews implements ClosingView {

	private static final String MESSAGES = "chat/messages";

	private final ITemplateEngine templates;

	private final FeedbackPolicy policy;

	private final MarkdownRenderer markdown;

	private final ChatProperties properties;

	/** The servlet context path: links are built from it, not from a request. */
	private final String root;

	/**
	 * Finished messages as rendered, keyed by everything their HTML shows (the prompt; the answer's view), so a
	 * page shows a message rendered once. Bounded by the characters held.
	 */
	private final Cache<Object, String> rendered;

	/** The composer's state and the cleared error region: the same for everyone, so rendered once. */
	private final String composerIdle;

	private final String composerBusy;

	private final String errorCleared;

	MessageViews(ITemplateEngine templates, FeedbackPolicy policy, MarkdownRenderer markdown,
			ChatProperties properties, @Value("${server.servlet.context-path:}") String root,
			@Value("${chat.render.cache:8000000}") long cachedCharacters) {
		this.templates = templates;
		this.policy = policy;
		this.markdown = markdown;
		this.properties = properties;
		this.root = root;
		this.rendered = Caffeine.newBuilder()
			.maximumWeight(cachedCharacters)
			.weigher((Object key, String html) -> html.length())
			.build();
		this.composerIdle = render("chat/composer", "fields", Map.of("streaming", false, "oob", true));
		this.composerBusy = render("chat/composer", "fields", Map.of("streaming", true, "oob", true));
		this.errorCleared = render("fragments/error", "region", Map.of("oob", true));
	}

	/** The closing event's HTML: the finished answer and the composer enabled again. */
	@Override
	public String html(Turn finished, boolean latest) {
		return answer(finished, latest) + composerIdle;
	}

	/** A new turn, just started: its prompt and answer, the composer disabled and any old error cleared. */
	String started(Turn turn) {
		return prompt(turn) + answer(turn, true) + composerBusy + errorCleared;
	}

	/** A retried answer, streaming again in place of the failed one. */
	String retried(Turn turn) {
		return answer(turn, true) + composerBusy + errorCleared;
	}

	/** The rating widget of an answer, and the error region: cleared, or saying why the request changed nothing. */
	String widget(Turn turn, boolean latest, String refusal) {
		FeedbackWidget widget = policy.widget(turn, latest);
		String html = widget == null ? ""
				: rendered.get(widget, key -> render("feedback/widget", "widget", Map.of("widget", key)));
		return html + (refusal == null ? errorCleared : error(refusal));
	}

	/** The emptied conversation after New chat. */
	String emptied() {
		return render(MESSAGES, "list", window(Conversation.Window.EMPTY, false)) + composerIdle + errorCleared;
	}

	/**
	 * The model of a window of messages (template chat/messages :: window).
	 *
	 * @param throughLatest whether the window ends with the conversation's latest turn
	 */
	Map<String, Object> window(Conversation.Window window, boolean throughLatest) {
		List<String> messages = new ArrayList<>();
		List<Turn> turns = window.turns();
		for (int i = 0; i < turns.size(); i++) {
			Turn turn = turns.get(i);
			messages.add(prompt(turn));
			// Only a window that ends with the latest turn (the page's) knows which answer is the latest.
			messages.add(answer(turn, throughLatest && i == turns.size() - 1));
		}
		Map<String, Object> model = new HashMap<>();
		model.put("messages", messages);
		model.put("earlier", window.earlier() * 2);
		// Without JavaScript the link reloads the page with what it shows from this window on, and a page more.
		model.put("showMore", (turns.size() + window.later()) * 2 + properties.history().pageSize());
		model.put("before", turns.isEmpty() ? null : turns.get(0).answer().id());
		model.put("commentForms", List.of());
		return model;
	}

	private String prompt(Turn turn) {
		return rendered.get(turn.prompt(), prompt -> render(MESSAGES, "prompt", Map.of("prompt", prompt)));
	}

	private String answer(Turn turn, boolean latest) {
		Turn.Answer answer = turn.answer();
		AnswerStatus status = answer.status();
		boolean live = status == AnswerStatus.GENERATING;
		String html = !live && answer.origin().markdown() ? markdown.html(answer.text()) : null;
		AnswerView view = new AnswerView(answer, live, status == AnswerStatus.STOPPED, status == AnswerStatus.FAILED,
				answer.length(), html, status == AnswerStatus.FAILED && latest, policy.widget(turn, latest));
		// A live answer's HTML holds the text so far: it is rendered each time and not kept.
		return live ? render(MESSAGES, "answer", Map.of("view", view))
				: rendered.get(view, key -> render(MESSAGES, "answer", Map.of("view", key)));
	}

	private String error(String message) {
		return "<div id=\"error\" class=\"error-region\" role=\"alert\" aria-live=\"assertive\" hx-swap-oob=\"true\">"
				+ "<p class=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p></div>";
	}

	private String render(String template, String fragment, Map<String, Object> variables) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(variables);
		context.setVariable("root", root);
		return templates.process(template, Set.of(fragment), context);
	}

}
