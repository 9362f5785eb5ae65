package dev.feedbackchat.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.stream.AnswerProgress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a shared session store (Spring Session JDBC) writes for a conversation: all of it, and not much. */
class ConversationSerializationTests {

	@Test
	void conversationOfTwentyRatedMessagesSurvivesSerializationInUnderFourKilobytes() throws Exception {
		Conversation conversation = new Conversation();
		String instance = UUID.randomUUID().toString();
		for (int turn = 0; turn < 10; turn++) {
			Conversation.Turn started = conversation.startTurn("hello", "echo", "echo", instance, 200);
			conversation.settle(message -> Optional.of(new AnswerProgress("You said, \"hello\" ...interesting.",
					AnswerStatus.COMPLETE, null, 3L)));
			conversation.update(started.answer().id(), message -> message.withFeedback(1));
		}

		byte[] bytes = serialize(conversation);

		Conversation copy = (Conversation) new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject();
		assertThat(copy.id()).isEqualTo(conversation.id());
		assertThat(copy.messages()).isEqualTo(conversation.messages()).hasSize(20);
		assertThat(bytes.length).as("serialized size in bytes").isLessThan(4096);
	}

	private static byte[] serialize(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
