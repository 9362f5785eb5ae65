package dev.feedbackchat.conversation;

import jakarta.servlet.http.HttpSession;

/**
 * Serializes the changes of one session's conversation (or arena battle) on this instance (a prompt and a rating may arrive at
 * once). Striped by session id: a session store may hand each request its own session object, so the object
 * itself cannot be the lock. Across instances the record's constraints decide.
 */
public final class SessionLocks {

	private static final Object[] LOCKS = new Object[256];

	static {
		for (int i = 0; i < LOCKS.length; i++) {
			LOCKS[i] = new Object();
		}
	}

	private SessionLocks() {
	}

	public static Object of(HttpSession session) {
		return LOCKS[Math.floorMod(session.getId().hashCode(), LOCKS.length)];
	}

}
