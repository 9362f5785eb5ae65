package dev.feedbackchat.store;

/** What a deletion of conversations removed from the record: rows of each table. */
public record DeletedConversations(int conversations, int messages, int feedback) {

	public static final DeletedConversations NONE = new DeletedConversations(0, 0, 0);

	public DeletedConversations plus(DeletedConversations other) {
		return new DeletedConversations(conversations + other.conversations, messages + other.messages,
				feedback + other.feedback);
	}

	@Override
	public String toString() {
		return "%d conversation(s), %d message(s), %d rating(s)".formatted(conversations, messages, feedback);
	}

}
