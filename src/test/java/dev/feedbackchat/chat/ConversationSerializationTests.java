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

	@Test
	void aTurnWithSeveralAnswersKeepsThemTheOneShownAndWhatItContinues() throws Exception {
		Turn first = ratedEcho("again");
		UUID firstId = first.answer().id();
		Turn.Answer regenerated = new Turn.Answer(UUID.randomUUID(), "another", AnswerStatus.STOPPED, null,
				new Turn.Origin("openai", "gpt", true, "i-2"), Instant.now(), 9L, firstId);
		Turn turn = new Turn(first.conversationId(),
				new Turn.Prompt(first.prompt().id(), first.prompt().text(), first.prompt().at(), UUID.randomUUID()),
				List.of(first.siblings().get(0), new Turn.Sibling(regenerated, new Turn.Feedback(0, "worse"))), 0);

		Turn copy = (Turn) new ObjectInputStream(new ByteArrayInputStream(serialize(turn))).readObject();

		assertThat(copy).isEqualTo(turn);
		assertThat(copy.answer().id()).isEqualTo(firstId);
		assertThat(copy.showing(regenerated.id()).feedback()).isEqualTo(new Turn.Feedback(0, "worse"));
	}

	/**
	 * Turns as sessions in a database hold them from before turns had several answers (written by that version of
	 * SerializedTurn): they are read as turns with one answer.
	 */
	@Test
	void turnsWrittenBeforeSiblingsAreRead() throws Exception {
		Turn rated = (Turn) new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(
				"rO0ABXNyACxkZXYuZmVlZGJhY2tjaGF0LmNvbnZlcnNhdGlvbi5TZXJpYWxpemVkVHVybgAAAAAAAAABDAAAeHB32G8cLT5LWkxtjn+Q"
						+ "EjRWeJARERERIiJDM4REVVVVVVVVAAAAE2EgInF1b3RlIiDwn5iACmxpbmUAAAAAaw1MwgdbzRWqqqqqu7tMzI3d7u7u7u7uAAAA"
						+ "MVlvdSBzYWlkLCAiYSBcInF1b3RlXCIg8J+YgApsaW5lIiAuLi5pbnRlcmVzdGluZy4CAAEAAAAEZWNobwEAAAAEZWNobwABAAAA"
						+ "Cmluc3RhbmNlLTEAAAAAaw1MwwAAAAAAAAAAAAAAAwAAAAEBAAAAD05pY2UgPGI+b25lPC9iPng=")))
			.readObject();
		Turn failed = (Turn) new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(
				"rO0ABXNyACxkZXYuZmVlZGJhY2tjaGF0LmNvbnZlcnNhdGlvbi5TZXJpYWxpemVkVHVybgAAAAAAAAABDAAAeHB3rg5qGyw9Tk9QkWJz"
						+ "hJWmt8giIiIiMzNERJVVZmZmZmZmAAAAB0V4cGxhaW4AAAAAaw1N0AAAAAC7u7u7zMxN3a7u////////AAAAB3BhcnRpYWwDAQAA"
						+ "ACBUaGUgbW9kZWwgc2VydmVyIGRpZCBub3QgYW5zd2VyLgEAAAAGb3BlbmFpAQAAAAtncHQtNG8tbWluaQEAAAAAAGsNTdEAAAAA"
						+ "////////////////AHg=")))
			.readObject();

		assertThat(rated).isEqualTo(new Turn(UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901234567890"),
				new Turn.Prompt(UUID.fromString("11111111-2222-4333-8444-555555555555"), "a \"quote\" 😀\nline",
						Instant.parse("2026-11-30T10:15:30.123456789Z")),
				new Turn.Answer(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
						"You said, \"a \\\"quote\\\" 😀\nline\" ...interesting.", AnswerStatus.STOPPED, null,
						new Turn.Origin("echo", "echo", false, "instance-1"), Instant.parse("2026-11-30T10:15:31Z"), 3L),
				new Turn.Feedback(1, "Nice <b>one</b>")));
		assertThat(failed).isEqualTo(new Turn(UUID.fromString("0e6a1b2c-3d4e-4f50-9162-738495a6b7c8"),
				new Turn.Prompt(UUID.fromString("22222222-3333-4444-9555-666666666666"), "Explain",
						Instant.parse("2026-11-30T10:20:00Z")),
				new Turn.Answer(UUID.fromString("bbbbbbbb-cccc-4ddd-aeee-ffffffffffff"), "partial", AnswerStatus.FAILED,
						"The model server did not answer.", new Turn.Origin("openai", "gpt-4o-mini", true, null),
						Instant.parse("2026-11-30T10:20:01Z"), null),
				Turn.Feedback.NONE));
		assertThat(rated.siblings()).hasSize(1);
		assertThat(rated.prompt().parentId()).isNull();
		assertThat(rated.answer().regeneratedFrom()).isNull();
		// Written again, it takes the current layout, and reads back the same.
		assertThat(new ObjectInputStream(new ByteArrayInputStream(serialize(rated))).readObject()).isEqualTo(rated);
	}

	private static byte[] serialize(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		return bytes.toByteArray();
	}

}
