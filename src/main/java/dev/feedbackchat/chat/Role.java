package dev.feedbackchat.chat;

/** Who wrote a message; {@link #label()} is the tutorial's lower-case role name. */
public enum Role {

	USER, ASSISTANT;

	public String label() {
		return name().toLowerCase();
	}

}
