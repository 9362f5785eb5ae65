package dev.feedbackchat.arena.web;

import java.util.ArrayList;
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
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The arena's HTML, rendered off any request (a stream's closing event is rendered on the finisher): links are
 * built from the context path, and forms post through the page's hidden form {@code post}, which holds the CSRF
 * token. A contender's name appears only once the battle has a vote.
 */
@Component
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class ArenaViews implements BattleViews {

	private final ITemplateEngine templates;

	private final MarkdownRenderer markdown;

	private final Contenders contenders;

	private final String root;

	ArenaViews(ITemplateEngine templates, MarkdownRenderer markdown, Contenders contenders,
			@Value("${server.servlet.context-path:}") String root) {
		this.templates = templates;
		this.markdown = markdown;
		this.contenders = contenders;
		this.root = root;
	}

	/** The battle section of the page; {@code null} renders the empty one that invites a prompt. */
	String battle(BattleState battle) {
		return render("battle", battle == null ? Map.of() : Map.of("battle", view(battle)));
	}

	/** A battle just started: it replaces the page's battle, and the prompt box waits until both answers end. */
	String started(BattleState battle) {
		return battle(battle) + composer(true) + error(null) + announcer(null);
	}

	/** The battle after a vote; a refused vote says so in the error region, a stored one clears it. */
	String voted(Battles.Voted voted) {
		return battle(voted.battle())
				+ error(voted.stored() ? null : "This battle already has a vote: the one shown. Send a prompt for a new battle.");
	}

	@Override
	public String closing(BattleState battle, Side side) {
		BattleView view = view(battle);
		String html = render("side", Map.of("battle", view, "side", view.sides().get(side.ordinal())));
		if (battle.finished()) {
			// One announcement for the two answers, when the second has ended.
			html += render("vote", Map.of("battle", view, "oob", true)) + composer(false)
					+ announcer("a11y.arena.finished");
		}
		return html;
	}

	private String composer(boolean streaming) {
		Context context = context(Map.of("streaming", streaming, "oob", true));
		return templates.process("chat/composer", Set.of("fields"), context);
	}

	private String error(String message) {
		Map<String, Object> variables = new java.util.HashMap<>();
		variables.put("oob", true);
		variables.put("message", message);
		return templates.process("fragments/error", Set.of("region"), context(variables));
	}

	/** The page's announcer (fragments/status) out of band: saying the message of {@code key}, or cleared. */
	private String announcer(String key) {
		Map<String, Object> variables = new java.util.HashMap<>();
		variables.put("oob", true);
		variables.put("announce", key);
		return templates.process("fragments/status", Set.of("region"), context(variables));
	}

	private String render(String fragment, Map<String, Object> variables) {
		return templates.process("arena/battle", Set.of(fragment), context(variables));
	}

	private Context context(Map<String, Object> variables) {
		Context context = new Context(Locale.ENGLISH);
		context.setVariables(variables);
		context.setVariable("root", root);
		return context;
	}

	BattleView view(BattleState battle) {
		List<SideView> sides = new ArrayList<>();
		for (Side side : Side.values()) {
			BattleState.Answer answer = battle.answer(side);
			boolean live = answer.status() == AnswerStatus.GENERATING;
			String html = !live && contenders.writesMarkdown(battle.contender(side)) ? markdown.html(answer.text()) : null;
			sides.add(new SideView(side.id(), side.label(), answer.text(), html, live,
					answer.text().codePointCount(0, answer.text().length()), answer.status() == AnswerStatus.STOPPED,
					answer.status() == AnswerStatus.FAILED, answer.error(),
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

	static String label(Outcome outcome) {
		return switch (outcome) {
			case A_WINS -> "A is better";
			case B_WINS -> "B is better";
			case TIE -> "Tie";
			case BOTH_BAD -> "Both are bad";
		};
	}

	/**
	 * A battle as the page shows it.
	 *
	 * @param state waiting (an answer is streaming), open (vote now), failed (cannot be voted on), voted
	 * @param voted the label of the stored vote, {@code null} before it
	 */
	record BattleView(UUID id, String prompt, List<SideView> sides, String state, List<Choice> choices, String voted) {

		public boolean streaming() {
			return "waiting".equals(state);
		}
	}

	/**
	 * One side.
	 *
	 * @param html      the finished answer as rendered Markdown, or {@code null} to show {@code text} as text
	 * @param from      code points the page already shows (where its stream starts)
	 * @param contender the name, only after the vote
	 * @param winner    the vote chose this side
	 */
	record SideView(String id, String label, String text, String html, boolean live, int from, boolean stopped,
			boolean failed, String error, String contender, boolean winner) {
	}

	record Choice(String value, String label, boolean pressed) {
	}
}
