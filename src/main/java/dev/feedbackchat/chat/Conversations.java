package dev.feedbackchat.chat;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/** Finds the conversation of a session, brought up to date with its streaming answers. */
@Component
public class Conversations {

	static final String SESSION_ATTRIBUTE = "conversation";

	private final Answering answering;

	Conversations(Answering answering) {
		this.answering = answering;
	}

	public Conversation current(HttpSession session) {
		Conversation conversation = settled(session);
		// Set again after every change so that a shared session store (chat.cluster.enabled) writes the new state.
		session.setAttribute(SESSION_ATTRIBUTE, conversation);
		return conversation;
	}

	/**
	 * The conversation, not written back to the session: for an answer's stream, which runs for its whole
	 * length while other requests of the session change the conversation.
	 */
	Conversation reading(HttpSession session) {
		return settled(session);
	}

	private Conversation settled(HttpSession session) {
		Conversation conversation = stored(session);
		conversation.settle(message -> answering.progress(conversation, message));
		return conversation;
	}

	private static Conversation stored(HttpSession session) {
		synchronized (WebUtils.getSessionMutex(session)) {
			Conversation conversation = (Conversation) session.getAttribute(SESSION_ATTRIBUTE);
			return conversation != null ? conversation : new Conversation();
		}
	}

	Conversation startNew(HttpSession session) {
		Conversation conversation = new Conversation();
		session.setAttribute(SESSION_ATTRIBUTE, conversation);
		return conversation;
	}

}
