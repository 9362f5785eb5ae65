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
 * descriptions of the five records and the JDK types they hold (a rated echo turn: 1.4 KB written as records,
 * under 300 bytes this way). A store with sessions in a database writes and reads this on every
 * change and every request.
 */
final class SerializedTurn implements Externalizable {

	@Serial
	private static final long serialVersionUID = 1L;

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
		Turn.Answer answer = turn.answer();
		Turn.Origin origin = answer.origin();
		writeUuid(out, turn.conversationId());
		writeUuid(out, prompt.id());
		writeString(out, prompt.text());
		writeInstant(out, prompt.at());
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
		out.writeInt(turn.feedback().rating() == null ? -1 : turn.feedback().rating());
		writeNullable(out, turn.feedback().comment());
		out.writeInt(turn.feedback().reasons().size());
		for (String reason : turn.feedback().reasons()) {
			writeString(out, reason);
		}
		writeNullable(out, turn.feedback().correction());
	}

	@Override
	public void readExternal(ObjectInput in) throws IOException {
		UUID conversationId = readUuid(in);
		Turn.Prompt prompt = new Turn.Prompt(readUuid(in), readString(in), readInstant(in));
		UUID answerId = readUuid(in);
		String text = readString(in);
		AnswerStatus status = AnswerStatus.values()[in.readByte()];
		String error = readNullable(in);
		Turn.Origin origin = new Turn.Origin(readNullable(in), readNullable(in), in.readBoolean(), readNullable(in));
		Instant startedAt = readInstant(in);
		long firstToken = in.readLong();
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
			// Written before reasons and corrections existed: the turn has none.
		}
		turn = new Turn(conversationId, prompt, new Turn.Answer(answerId, text, status, error, origin, startedAt,
				firstToken < 0 ? null : firstToken), new Turn.Feedback(rating < 0 ? null : rating, comment, reasons,
						correction));
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

}
