package dev.feedbackchat.chat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.conversation.ChatProperties;
import dev.feedbackchat.conversation.Conversation;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.conversation.Turns;
import dev.feedbackchat.feedback.FeedbackPolicy;
import dev.feedbackchat.feedback.FeedbackWidget;
import dev.feedbackchat.model.Refused;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/** The models of the chat page and of "Show earlier messages": windows of the conversation, as the record holds it. */
@Component
public class Pages {

	private final Turns turns;

	private final MessageViews views;

	private final FeedbackPolicy policy;

	private final ChatProperties properties;

	Pages(Turns turns, MessageViews views, FeedbackPolicy policy, ChatProperties properties) {
		this.turns = turns;
		this.views = views;
		this.policy = policy;
		this.properties = properties;
	}

	/** The page: the latest messages ({@code show} of them, or a page's worth), and the composer's state. */
	Map<String, Object> page(HttpSession session, Integer show, Locale locale) {
		if (show != null && show < 1) {
			throw Refused.invalid("refused.chat.show");
		}
		int size = show != null ? show : properties.history().pageSize();
		Conversation.Window window = shown(turns.conversation(session).window(null, turnsFor(size)));
		List<Turn> shown = window.turns();
		Map<String, Object> model = views.window(window, true, locale);
		model.put("streaming", !shown.isEmpty() && shown.get(shown.size() - 1).isGenerating());
		model.put("commentForms", shown.stream().filter(turn -> {
			FeedbackWidget widget = policy.widget(turn, turn == shown.get(shown.size() - 1));
			return widget != null && widget.form() != null;
		}).map(turn -> turn.answer().id()).toList());
		return model;
	}

	/** The page's worth of messages before {@code before}'s turn. */
	Map<String, Object> earlier(HttpSession session, UUID before, Locale locale) {
		return views.window(shown(turns.conversation(session).window(before, turnsFor(properties.history().pageSize()))),
				false, locale);
	}

	/** The window with its answers brought up to date and its feedback as recorded. */
	private Conversation.Window shown(Conversation.Window window) {
		return new Conversation.Window(turns.reconciled(window.turns().stream().map(turns::settled).toList()),
				window.earlier(), window.later());
	}

	/** Turns holding {@code messages} messages (a prompt and an answer each). */
	private static int turnsFor(int messages) {
		return (messages + 1) / 2;
	}

}
