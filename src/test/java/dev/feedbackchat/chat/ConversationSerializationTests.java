package dev.feedbackchat.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.EchoResponder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a shared session store (Spring Session JDBC) writes when a turn changes: that turn alone, one attribute
 * serialized on its own, so each write carries the class descriptors of Turn and its parts again (about 1.3 KB of
 * the 1,362 bytes a rated echo turn takes); the texts come on top, once.
 */
class ConversationSerializationTests {

	static Turn ratedEcho(String prompt) {
		return new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), prompt, Instant.now()),
				new Turn.Answer(UUID.randomUUID(), EchoResponder.answerTo(prompt), AnswerStatus.COMPLETE, null,
						new Turn.Origin(EchoResponder.NAME, "echo", false, UUID.randomUUID().toString()), Instant.now(),
						3L),
				new Turn.Feedback(1, null));
	}

	@Test
	void ratedTurn() throws Exception {
		Turn turn = ratedEcho("hello");

		byte[] bytes = serialize(turn);

		assertThat(new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject()).isEqualTo(turn);
		assertThat(bytes.length).as("serialized size in bytes").isBetween(1200, 1500);
	}

	@Test
	void textComesOnTopOnce() throws Exception {
		int base = serialize(ratedEcho("")).length;
		// ASCII: one byte per character, in the prompt and again in the echo.
		assertThat(serialize(ratedEcho("x".repeat(1000))).length - base).isEqualTo(2000);
	}

	private static byte[] serialize(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
