package dev.feedbackchat.chat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.stream.AnswerProgress;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The chat history of one browser session. It holds only small serializable records, never threads or
 * connections, so a session store can keep it as it is. Several requests of one session may run at once
 * (a rating while a prompt is posted), so every method synchronizes on the conversation.
 */
public final class Conversation implements Serializable {

	private final UUID id = UUID.randomUUID();

	private final List<ChatMessage> messages = new ArrayList<>();

	public UUID id() {
		return id;
	}

	public synchronized List<ChatMessage> messages() {
		return List.copyOf(messages);
	}

	public synchronized boolean isStreaming() {
		return messages.stream().anyMatch(ChatMessage::isStreaming);
	}

	/** The message with this id; 404 when it is not (or no longer) in this conversation. */
	public synchronized ChatMessage get(UUID messageId) {
		return messages.get(indexOf(messageId));
	}

	/** True when the message is the most recent assistant answer (the only one rateable in latest-only mode). */
	public synchronized boolean isLatestAnswer(UUID messageId) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).isAssistant()) {
				return messages.get(i).id().equals(messageId);
			}
		}
		return false;
	}

	/**
	 * Appends the prompt and an empty answer in state STREAMING, dropping the oldest messages beyond
	 * {@code maxMessages}. Refused while another answer of this conversation is still streaming.
	 */
	synchronized Turn startTurn(String prompt, String responder, String model, String instance, int maxMessages) {
		refuseWhileStreaming();
		Turn turn = new Turn(ChatMessage.user(prompt), ChatMessage.pendingAnswer(responder, model, instance));
		messages.add(turn.prompt());
		messages.add(turn.answer());
		while (messages.size() > maxMessages) {
			messages.remove(0);
		}
		return turn;
	}

	/**
	 * Empties a failed answer to generate it again, and returns its turn. Only the latest answer can be
	 * retried: the ones after it were generated from a history that included the failure.
	 */
	synchronized Turn retry(UUID answerId, String instance) {
		refuseWhileStreaming();
		int index = indexOf(answerId);
		ChatMessage answer = messages.get(index);
		if (!answer.isFailed() || !isLatestAnswer(answerId) || index == 0) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Only the latest failed answer can be retried.");
		}
		ChatMessage restarted = answer.restarted(instance);
		messages.set(index, restarted);
		return new Turn(messages.get(index - 1), restarted);
	}

	/**
	 * At most {@code size} messages, the latest ones before {@code before} ({@code null}: the latest of all),
	 * oldest first. The page shows one such window instead of the whole history, so its cost stays flat.
	 */
	synchronized Window window(UUID before, int size) {
		int end = before == null ? messages.size() : indexOf(before);
		int start = Math.max(0, end - size);
		return new Window(List.copyOf(messages.subList(start, end)), start, messages.size());
	}

	/** The turn of an answer: the prompt before it and the answer. */
	synchronized Turn turnOf(UUID answerId) {
		int index = indexOf(answerId);
		return new Turn(messages.get(index - 1), messages.get(index));
	}

	/** The messages before this one, oldest first: what a model sees as the conversation so far. */
	synchronized List<ChatMessage> before(UUID messageId) {
		return List.copyOf(messages.subList(0, indexOf(messageId)));
	}

	private void refuseWhileStreaming() {
		if (isStreaming()) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Please wait until the current answer is complete.");
		}
	}

	/**
	 * Replaces a message by {@code change} applied to it, atomically with respect to every other method.
	 * {@code change} may throw to refuse the update, which then leaves the message as it was.
	 */
	public synchronized ChatMessage update(UUID messageId, UnaryOperator<ChatMessage> change) {
		int index = indexOf(messageId);
		ChatMessage changed = change.apply(messages.get(index));
		messages.set(index, changed);
		return changed;
	}

	private int indexOf(UUID messageId) {
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i).id().equals(messageId)) {
				return i;
			}
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This message is not in your conversation.");
	}

	/**
	 * Brings streaming answers up to date with their generation: the text so far, and the final text and
	 * state once it has finished. Called on request threads only.
	 */
	synchronized void settle(Function<ChatMessage, Optional<AnswerProgress>> progressOf) {
		messages.replaceAll(m -> !m.isStreaming() ? m : progressOf.apply(m)
			.map(p -> m.withProgress(p.text(), state(p.status()), p.firstTokenMillis(), p.error()))
			// The generation is gone (evicted long after it finished): keep what was shown, as final.
			.orElseGet(() -> m.withProgress(m.content(), MessageState.COMPLETE, m.firstTokenMillis(), null)));
	}

	private static MessageState state(AnswerStatus status) {
		return switch (status) {
			case GENERATING -> MessageState.STREAMING;
			case COMPLETE -> MessageState.COMPLETE;
			case STOPPED -> MessageState.STOPPED;
			case FAILED -> MessageState.FAILED;
		};
	}

	record Turn(ChatMessage prompt, ChatMessage answer) {
	}

	/**
	 * Part of the history.
	 *
	 * @param earlier how many messages precede the window
	 * @param total   how many messages the conversation has
	 */
	record Window(List<ChatMessage> messages, int earlier, int total) {

		static final Window EMPTY = new Window(List.of(), 0, 0);

		/** The messages from this window's first to the latest. */
		int throughLatest() {
			return total - earlier;
		}

	}

}
