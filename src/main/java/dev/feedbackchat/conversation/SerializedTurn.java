package dev.feedbackchat.conversation;

import java.io.EOFException;
import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;

/**
 * How a {@link Turn} is written into a session store: its fields one after the other, without the class
 * descriptions of the records and the JDK types they hold (a rated echo turn: 1.4 KB written as records,
 * under 300 bytes this way). A store with sessions in a database writes and reads this on every
 * change and every request.
 * <p>
 * Two layouts are read: the current one, which starts with {@link #SIBLINGS}, and the one before turns had
 * several answers, which starts with the conversation id; sessions in a database outlive a deploy. A conversation
 * id is a random (version 4) UUID, so its first long is never {@link #SIBLINGS}.
 */
final class SerializedTurn implements Externalizable {

	@Serial
	private static final long serialVersionUID = 1L;

	/** The layout with the prompt's parent and every answer of the turn (its version nibble is 0, not 4). */
	static final long SIBLINGS = 2;

	private Turn turn;

	/** For deserialization. */
	public SerializedTurn() {
	}

	SerializedTurn(Turn turn) {
		this.turn = turn;
	}

	@Override
	public void writeExternal(ObjectOutput out) throws IOException {
		Turn.Prompt prompt = turn.prompt();
		out.writeLong(SIBLINGS);
		writeUuid(out, turn.conversationId());
		writeUuid(out, prompt.id());
		writeString(out, prompt.text());
		writeInstant(out, prompt.at());
		writeNullableUuid(out, prompt.parentId());
		out.writeInt(turn.siblings().size());
		out.writeInt(turn.shown());
		for (Turn.Sibling sibling : turn.siblings()) {
			writeAnswer(out, sibling.answer());
			writeFeedback(out, sibling.feedback());
		}
	}

	@Override
	public void readExternal(ObjectInput in) throws IOException {
		long first = in.readLong();
		if (first != SIBLINGS) {
			// The layout of a turn with one answer: the conversation id, whose first long was just read.
			UUID conversationId = new UUID(first, in.readLong());
			Turn.Prompt prompt = new Turn.Prompt(readUuid(in), readString(in), readInstant(in));
			turn = new Turn(conversationId, prompt, readAnswer(in, false), readFeedback(in, false));
			return;
		}
		UUID conversationId = readUuid(in);
		Turn.Prompt prompt = new Turn.Prompt(readUuid(in), readString(in), readInstant(in), readNullableUuid(in));
		int count = in.readInt();
		int shown = in.readInt();
		List<Turn.Sibling> siblings = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			siblings.add(new Turn.Sibling(readAnswer(in, true), readFeedback(in, true)));
		}
		turn = new Turn(conversationId, prompt, siblings, shown);
	}

	private static void writeAnswer(ObjectOutput out, Turn.Answer answer) throws IOException {
		Turn.Origin origin = answer.origin();
		writeUuid(out, answer.id());
		writeString(out, answer.text());
		out.writeByte(answer.status().ordinal());
		writeNullable(out, answer.error());
		writeNullable(out, origin.responder());
		writeNullable(out, origin.model());
		out.writeBoolean(origin.markdown());
		writeNullable(out, origin.instance());
		writeInstant(out, answer.startedAt());
		out.writeLong(answer.firstTokenMillis() == null ? -1 : answer.firstTokenMillis());
		writeNullableUuid(out, answer.regeneratedFrom());
	}

	/** An answer as {@link #writeAnswer} wrote it, and in the current layout where it was regenerated from. */
	private static Turn.Answer readAnswer(ObjectInput in, boolean siblings) throws IOException {
		UUID answerId = readUuid(in);
		String text = readString(in);
		AnswerStatus status = AnswerStatus.values()[in.readByte()];
		String error = readNullable(in);
		Turn.Origin origin = new Turn.Origin(readNullable(in), readNullable(in), in.readBoolean(), readNullable(in));
		Instant startedAt = readInstant(in);
		long firstToken = in.readLong();
		UUID regeneratedFrom = siblings ? readNullableUuid(in) : null;
		return new Turn.Answer(answerId, text, status, error, origin, startedAt, firstToken < 0 ? null : firstToken,
				regeneratedFrom);
	}

	private static void writeFeedback(ObjectOutput out, Turn.Feedback feedback) throws IOException {
		out.writeInt(feedback.rating() == null ? -1 : feedback.rating());
		writeNullable(out, feedback.comment());
		out.writeInt(feedback.reasons().size());
		for (String reason : feedback.reasons()) {
			writeString(out, reason);
		}
		writeNullable(out, feedback.correction());
	}

	/**
	 * Feedback as {@link #writeFeedback} wrote it. A turn with one answer was written with its reasons and correction
	 * at the end, or, before they existed, without them.
	 */
	private static Turn.Feedback readFeedback(ObjectInput in, boolean siblings) throws IOException {
		int rating = in.readInt();
		String comment = readNullable(in);
		List<String> reasons = new ArrayList<>();
		String correction = null;
		try {
			for (int count = in.readInt(); reasons.size() < count;) {
				reasons.add(readString(in));
			}
			correction = readNullable(in);
		}
		catch (EOFException ex) {
			if (siblings) {
				throw ex;
			}
			// Written before reasons and corrections existed: the turn has none.
		}
		return new Turn.Feedback(rating < 0 ? null : rating, comment, reasons, correction);
	}

	@Serial
	private Object readResolve() {
		return turn;
	}

	private static void writeInstant(ObjectOutput out, Instant instant) throws IOException {
		out.writeLong(instant.getEpochSecond());
		out.writeInt(instant.getNano());
	}

	private static Instant readInstant(ObjectInput in) throws IOException {
		return Instant.ofEpochSecond(in.readLong(), in.readInt());
	}

	private static void writeUuid(ObjectOutput out, UUID id) throws IOException {
		out.writeLong(id.getMostSignificantBits());
		out.writeLong(id.getLeastSignificantBits());
	}

	private static UUID readUuid(ObjectInput in) throws IOException {
		return new UUID(in.readLong(), in.readLong());
	}

	/** Texts may be longer than writeUTF's 64 KB: written as a length and UTF-8 bytes. */
	private static void writeString(ObjectOutput out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String readString(ObjectInput in) throws IOException {
		byte[] bytes = new byte[in.readInt()];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static void writeNullable(ObjectOutput out, String text) throws IOException {
		out.writeBoolean(text != null);
		if (text != null) {
			writeString(out, text);
		}
	}

	private static String readNullable(ObjectInput in) throws IOException {
		return in.readBoolean() ? readString(in) : null;
	}

	private static void writeNullableUuid(ObjectOutput out, UUID id) throws IOException {
		out.writeBoolean(id != null);
		if (id != null) {
			writeUuid(out, id);
		}
	}

	private static UUID readNullableUuid(ObjectInput in) throws IOException {
		return in.readBoolean() ? readUuid(in) : null;
	}

}
