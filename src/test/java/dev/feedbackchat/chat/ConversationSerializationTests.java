package dev.feedbackchat.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.EchoResponder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a shared session store (Spring Session JDBC) writes when a turn changes: that turn alone, one attribute
 * in its compact form (as records with their class descriptors it took 1,362 bytes); the texts come on top, once.
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
		assertThat(bytes.length).as("serialized size in bytes").isLessThan(300);
	}

	@Test
	void everyFieldSurvives() throws Exception {
		Turn turn = new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), "a \"quote\" 😀\nline", Instant.now()),
				new Turn.Answer(UUID.randomUUID(), "partial", AnswerStatus.FAILED, "The model server did not answer.",
						new Turn.Origin("openai", "gpt", true, null), Instant.now(), null),
				new Turn.Feedback(0, "a comment", List.of("Too long", "Other, \"quoted\" 😀"), "line one\nline two"));

		Turn copy = (Turn) new ObjectInputStream(new ByteArrayInputStream(serialize(turn))).readObject();

		assertThat(copy).isEqualTo(turn);
	}

	/** A session stored before reasons and corrections (a rated, commented turn) is read with none of them. */
	@Test
	void turnWrittenBeforeDetails() throws Exception {
		byte[] bytes = Base64.getDecoder().decode("rO0ABXNyACxkZXYuZmVlZGJhY2tjaGF0LmNvbnZlcnNhdGlvbi5TZXJpYWxpemVkVHVybgAA"
				+ "AAAAAAABDAAAeHB3shEREREREUERgREREREREREiIiIiIiJCIoIiIiIiIiIiAAAABWhlbGxvAAAAAGlVuQAAAAAAMzMzMzMzQzODMzMzMzMz"
				+ "MwAAACFZb3Ugc2FpZCwgImhlbGxvIiAuLi5pbnRlcmVzdGluZy4BAAEAAAAEZWNobwEAAAAEZWNobwABAAAACGluc3RhbmNlAAAAAGlVuQAA"
				+ "AAAAAAAAAAAAAAMAAAAAAQAAAAlhIGNvbW1lbnR4");

		Turn turn = (Turn) new ObjectInputStream(new ByteArrayInputStream(bytes)).readObject();

		assertThat(turn.answer().id()).isEqualTo(UUID.fromString("33333333-3333-4333-8333-333333333333"));
		assertThat(turn.answer().text()).isEqualTo("You said, \"hello\" ...interesting.");
		assertThat(turn.feedback()).isEqualTo(new Turn.Feedback(0, "a comment", List.of(), null));
	}

	@Test
	void textComesOnTopOnce() throws Exception {
		int base = serialize(ratedEcho("")).length;
		// ASCII: one byte per character, in the prompt and again in the echo, plus the stream's block headers.
		assertThat(serialize(ratedEcho("x".repeat(1000))).length - base).isBetween(2000, 2020);
	}

	private static byte[] serialize(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
