package dev.feedbackchat.arena.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.feedbackchat.arena.BattleState;
import dev.feedbackchat.arena.BattleViews;
import dev.feedbackchat.arena.Battles;
import dev.feedbackchat.arena.Contenders;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.Side;
import dev.feedbackchat.chat.MarkdownRenderer;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FailureMessage;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The arena's HTML, rendered off any request (a stream's closing event is rendered on the finisher): links are
 * built from the context path, and forms post through the page's hidden form {@code post}, which holds the CSRF
 * token. A contender's name appears only once the battle has a vote. Texts are in the given locale's language.
 */
@Component
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class ArenaViews implements BattleViews {

	private final ITemplateEngine templates;

	private final MarkdownRenderer markdown;

	private final Contenders contenders;

	private final MessageSource messages;

	private final String root;

	ArenaViews(ITemplateEngine templates, MarkdownRenderer markdown, Contenders contenders, MessageSource messages,
			@Value("${server.servlet.context-path:}") String root) {
		this.messages = messages;
		this.templates = templates;
		this.markdown = markdown;
		this.contenders = contenders;
		this.root = root;
	}

	/** The battle section of the page; {@code null} renders the empty one that invites a prompt. */
	String battle(BattleState battle, Locale locale) {
		return render("battle", battle == null ? Map.of() : Map.of("battle", view(battle, locale)), locale);
	}

	/** A battle just started: it replaces the page's battle, and the prompt box waits until both answers end. */
	String started(BattleState battle, Locale locale) {
		return battle(battle, locale) + composer(true, locale) + error(null, locale) + announcer(null, locale);
	}

	/** The battle after a vote; a refused vote says so in the error region, a stored one clears it. */
	String voted(Battles.Voted voted, Locale locale) {
		return battle(voted.battle(), locale) + error(voted.stored() ? null
				: messages.getMessage("refused.arena.votedShown", null, locale), locale);
	}

	@Override
	public String closing(BattleState battle, Side side, Locale locale) {
		BattleView view = view(battle, locale);
		String html = render("side", Map.of("battle", view, "side", view.sides().get(side.ordinal())), locale);
		if (battle.finished()) {
			// One announcement for the two answers, when the second has ended.
			html += render("vote", Map.of("battle", view, "oob", true), locale) + composer(false, locale)
					+ announcer("a11y.arena.finished", locale);
		}
		return html;
	}

	private String composer(boolean streaming, Locale locale) {
		Context context = context(Map.of("streaming", streaming, "oob", true), locale);
		return templates.process("chat/composer", Set.of("fields"), context);
	}

	/** The page's error region out of band: saying {@code message}, or cleared. */
	private String error(String message, Locale locale) {
		return region("fragments/error", "message", message, locale);
	}

	/** The page's announcer (fragments/status) out of band: saying the message of {@code key}, or cleared. */
	private String announcer(String key, Locale locale) {
		return region("fragments/status", "announce", key, locale);
	}

	/** A template's {@code region} fragment out of band, with {@code name} set to {@code value} (may be null). */
	private String region(String template, String name, String value, Locale locale) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("oob", true);
		variables.put(name, value);
		return templates.process(template, Set.of("region"), context(variables, locale));
	}

	private String render(String fragment, Map<String, Object> variables, Locale locale) {
		return templates.process("arena/battle", Set.of(fragment), context(variables, locale));
	}

	private Context context(Map<String, Object> variables, Locale locale) {
		Context context = new Context(locale);
		context.setVariables(variables);
		context.setVariable("root", root);
		return context;
	}

	/** The battle as the page shows it; a failed answer's message (a code, or stored text) in {@code locale}'s. */
	BattleView view(BattleState battle, Locale locale) {
		List<SideView> sides = new ArrayList<>();
		for (Side side : Side.values()) {
			BattleState.Answer answer = battle.answer(side);
			boolean live = answer.status() == AnswerStatus.GENERATING;
			String html = !live && contenders.writesMarkdown(battle.contender(side)) ? markdown.html(answer.text()) : null;
			String error = answer.error() == null ? null
					: messages.getMessage(FailureMessage.parse(answer.error()), locale);
			sides.add(new SideView(side.id(), "arena.side." + side.id(), answer.text(), html, live,
					answer.text().codePointCount(0, answer.text().length()), answer.status() == AnswerStatus.STOPPED,
					answer.status() == AnswerStatus.FAILED, error,
					battle.voted() ? battle.contender(side) : null, battle.voted() && won(battle.vote(), side)));
		}
		String state = battle.voted() ? "voted" : battle.failed() && battle.finished() ? "failed"
				: battle.finished() ? "open" : "waiting";
		List<Choice> choices = new ArrayList<>();
		for (Outcome outcome : Outcome.values()) {
			choices.add(new Choice(outcome.id(), label(outcome), outcome == battle.vote()));
		}
		return new BattleView(battle.id(), battle.prompt(), sides, state, choices,
				battle.voted() ? label(battle.vote()) : null);
	}

	private static boolean won(Outcome vote, Side side) {
		return (vote == Outcome.A_WINS && side == Side.A) || (vote == Outcome.B_WINS && side == Side.B);
	}

	/** The message code of an outcome's label ("A is better"). */
	static String label(Outcome outcome) {
		return "arena.outcome." + outcome.id();
	}

	/**
	 * A battle as the page shows it.
	 *
	 * @param state waiting (an answer is streaming), open (vote now), failed (cannot be voted on), voted
	 * @param voted the message code of the stored vote's label, {@code null} before it
	 */
	record BattleView(UUID id, String prompt, List<SideView> sides, String state, List<Choice> choices, String voted) {

		public boolean streaming() {
			return "waiting".equals(state);
		}
	}

	/**
	 * One side.
	 *
	 * @param label     the message code of its name ("Assistant A")
	 * @param html      the finished answer as rendered Markdown, or {@code null} to show {@code text} as text
	 * @param from      code points the page already shows (where its stream starts)
	 * @param contender the name, only after the vote
	 * @param winner    the vote chose this side
	 */
	record SideView(String id, String label, String text, String html, boolean live, int from, boolean stopped,
			boolean failed, String error, String contender, boolean winner) {
	}

	/** @param label the message code of its label */
	record Choice(String value, String label, boolean pressed) {
	}
}
