package dev.feedbackchat.chat;

import dev.feedbackchat.stream.LiveAnswers;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/** Finds the conversation of a session, brought up to date with its streaming answers. */
@Component
public class Conversations {

	static final String SESSION_ATTRIBUTE = "conversation";

	private final LiveAnswers answers;

	Conversations(LiveAnswers answers) {
		this.answers = answers;
	}

	public Conversation current(HttpSession session) {
		Conversation conversation;
		synchronized (WebUtils.getSessionMutex(session)) {
			conversation = (Conversation) session.getAttribute(SESSION_ATTRIBUTE);
			if (conversation == null) {
				conversation = new Conversation();
			}
		}
		conversation.settle(answers::progress);
		// Set again after every change so that a replicated session store writes the new state.
		session.setAttribute(SESSION_ATTRIBUTE, conversation);
		return conversation;
	}

	Conversation startNew(HttpSession session) {
		Conversation conversation = new Conversation();
		session.setAttribute(SESSION_ATTRIBUTE, conversation);
		return conversation;
	}

}
