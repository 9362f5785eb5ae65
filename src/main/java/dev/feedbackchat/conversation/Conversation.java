package dev.feedbackchat.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.feedbackchat.model.Refused;
import jakarta.servlet.http.HttpSession;

/**
 * The conversation a session holds, read for one request. Each turn is an attribute of its own, named by its
 * start time and first answer id, so that a request writes only the turn it changes: two requests of one session on
 * two instances (with sessions in a shared store) never overwrite each other's turns. Reading never writes.
 */
public final class Conversation {

	static final String ID = "chat.conversation";

	static final String TURN = "chat.turn.";

	private final HttpSession session;

	private UUID id;

	/** Names of the turn attributes, oldest first; they may include stale turns of an earlier conversation. */
	private final List<String> keys;

	private Conversation(HttpSession session, UUID id, List<String> keys) {
		this.session = session;
		this.id = id;
		this.keys = keys;
	}

	static Conversation of(HttpSession session) {
		UUID id = (UUID) session.getAttribute(ID);
		List<String> keys = new ArrayList<>();
		for (String name : Collections.list(session.getAttributeNames())) {
			if (name.startsWith(TURN)) {
				keys.add(name);
			}
		}
		Collections.sort(keys);
		return new Conversation(session, id, keys);
	}

	/** The conversation's id; {@code null} before its first turn. */
	public UUID id() {
		return id;
	}

	/** The latest turn, if any. */
	public Optional<Turn> latest() {
		for (int i = keys.size() - 1; i >= 0; i--) {
			Turn turn = load(keys.get(i));
			if (turn != null) {
				return Optional.of(turn);
			}
		}
		return Optional.empty();
	}

	/** Whether this is the answer shown in the latest turn: the one a next prompt continues. */
	public boolean isLatest(UUID answerId) {
		return latest().map(turn -> turn.answer().id().equals(answerId)).orElse(false);
	}

	/** Whether this turn is the latest. */
	boolean isLatest(Turn turn) {
		return latest().map(latest -> latest.firstAnswerId().equals(turn.firstAnswerId())).orElse(false);
	}

	/**
	 * The turn of this answer, any of its answers; refused as not found when it is not (or no longer) in this
	 * conversation.
	 */
	public Turn turnOf(UUID answerId) {
		int index = indexOf(answerId);
		if (index < 0) {
			throw Refused.notFound("refused.chat.notInConversation");
		}
		return load(keys.get(index));
	}

	/** The turn of this prompt, if it is in this conversation. */
	Optional<Turn> turnOfPrompt(UUID promptId) {
		for (int i = keys.size() - 1; i >= 0; i--) {
			Turn turn = load(keys.get(i));
			if (turn != null && turn.prompt().id().equals(promptId)) {
				return Optional.of(turn);
			}
		}
		return Optional.empty();
	}

	/**
	 * The index of the key of the turn with this answer, or -1. A turn's key names its first answer; one
	 * regenerated later is found by reading the turns, newest first.
	 */
	private int indexOf(UUID answerId) {
		String suffix = "." + answerId;
		for (int i = keys.size() - 1; i >= 0; i--) {
			if (keys.get(i).endsWith(suffix) && load(keys.get(i)) != null) {
				return i;
			}
		}
		for (int i = keys.size() - 1; i >= 0; i--) {
			Turn turn = load(keys.get(i));
			if (turn != null && turn.indexOf(answerId) >= 0) {
				return i;
			}
		}
		return -1;
	}

	/** All turns, oldest first. */
	public List<Turn> turns() {
		return window(null, Integer.MAX_VALUE).turns();
	}

	/** The turns before this answer's, oldest first: what a model sees as the conversation so far. */
	public List<Turn> before(UUID answerId) {
		List<Turn> turns = turns();
		List<Turn> before = new ArrayList<>();
		for (Turn turn : turns) {
			if (turn.indexOf(answerId) >= 0) {
				break;
			}
			before.add(turn);
		}
		return before;
	}

	/**
	 * At most {@code size} turns, the latest ones before the turn of {@code before} ({@code null}: the latest of
	 * all), oldest first. The page shows one such window, so its cost stays flat as the history grows.
	 */
	public Window window(UUID before, int size) {
		int end = keys.size();
		if (before != null) {
			end = indexOf(before);
			if (end < 0) {
				throw Refused.notFound("refused.chat.notInConversation");
			}
		}
		List<Turn> turns = new ArrayList<>();
		int i = end - 1;
		for (; i >= 0 && turns.size() < size; i--) {
			Turn turn = load(keys.get(i));
			if (turn != null) {
				turns.add(turn);
			}
		}
		Collections.reverse(turns);
		// Counted without reading them: stale turns of an earlier conversation are removed by the next New chat.
		return new Window(turns, i + 1, keys.size() - end);
	}

	/** The conversation's id, starting the conversation (and writing its id) if it has none yet. */
	UUID start() {
		if (id == null) {
			id = UUID.randomUUID();
			session.setAttribute(ID, id);
		}
		return id;
	}

	/** Adds a new turn and drops the oldest turns beyond {@code maxTurns}. */
	void add(Turn turn, int maxTurns) {
		String key = key(turn);
		session.setAttribute(key, turn);
		keys.add(key);
		int over = keys.size() - maxTurns;
		for (int i = 0; i < over; i++) {
			session.removeAttribute(keys.remove(0));
		}
	}

	/** Writes a changed turn (only that attribute). */
	void put(Turn turn) {
		session.setAttribute(key(turn), turn);
	}

	/** Ends the conversation: a new one starts with the next prompt. */
	void clear() {
		id = UUID.randomUUID();
		session.setAttribute(ID, id);
		for (String key : keys) {
			session.removeAttribute(key);
		}
		keys.clear();
	}

	/** The turn under this key, or {@code null} when it is gone or of an earlier conversation. */
	private Turn load(String key) {
		Object value = session.getAttribute(key);
		return value instanceof Turn turn && turn.conversationId().equals(id) ? turn : null;
	}

	private static String key(Turn turn) {
		// The first answer's: the key stays the same as answers are regenerated and shown.
		return TURN + "%013d.%s".formatted(turn.prompt().at().toEpochMilli(), turn.firstAnswerId());
	}

	/**
	 * Part of the history.
	 *
	 * @param earlier how many turns precede the window
	 * @param later   how many turns follow it (the page shows them below it)
	 */
	public record Window(List<Turn> turns, int earlier, int later) {

		public static final Window EMPTY = new Window(List.of(), 0, 0);

	}

}
