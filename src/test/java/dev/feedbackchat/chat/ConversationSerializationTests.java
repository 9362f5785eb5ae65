package dev.feedbackchat.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.model.AnswerStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a shared session store (Spring Session JDBC) writes when a turn changes: that turn alone, and not much. */
class ConversationSerializationTests {

	@Test
	void ratedTurnSerializesWholeInUnderOneKilobyte() throws Exception {
		Turn turn = new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), "hello", Instant.now()),
				new Turn.Answer(UUID.randomUUID(), "You said, \"hello\" ...interesting.", AnswerStatus.COMPLETE, null,
						new Turn.Origin("echo", "echo", false, UUID.randomUUID().toString()), Instant.now(), 3L),
				new Turn.Feedback(1, null));

		byte[] bytes = serialize(turn);

		assertThat(new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject()).isEqualTo(turn);
		assertThat(bytes.length).as("serialized size in bytes").isLessThan(1024);
	}

	private static byte[] serialize(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
