package dev.feedbackchat.redaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Side;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.FinishedTurn;
import dev.feedbackchat.store.Rating;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What the records write, read back with SQL: every text a person or a model wrote, redacted or not. */
abstract class RecordRedactionContract {

	static final String PROMPT = "Mail alice@example.com or call +44 20 7946 0958";

	static final String ANSWER = "Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00";

	static final String ERROR = "HTTP 401: Incorrect API key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";

	static final String COMMENT = "Write to bob@example.org instead";

	static final String CORRECTION = "The key is AKIAQWERTYUIOP123456";

	@Autowired
	ChatRecord chat;

	@Autowired
	ArenaRecord arena;

	@Autowired
	JdbcClient jdbc;

	/** The texts as stored: prompt, answer, error, comment, correction; battle prompt, answer A, error B. */
	abstract List<String> expected();

	@Test
	void storesTheTextsOfTurnsFeedbackAndBattles() {
		FinishedTurn turn = new FinishedTurn(UUID.randomUUID(), UUID.randomUUID(), PROMPT, Instant.now(),
				UUID.randomUUID(), ANSWER, "echo", null, 5L, AnswerStatus.FAILED, Instant.now(), ERROR);
		chat.saveTurn(turn);
		chat.rate(turn.answerId(), new Rating(FeedbackScale.THUMBS, 0));
		assertThat(chat.detailsOnce(turn.answerId(), 0, List.of("Other"), COMMENT, CORRECTION)).isTrue();
		UUID battle = UUID.randomUUID();
		arena.saveBattle(battle, PROMPT, "Left", "Right", Instant.now());
		arena.finishAnswer(battle, Side.A, ANSWER, "complete", null);
		arena.finishAnswer(battle, Side.B, "", "failed", ERROR);

		Map<String, Object> answer = jdbc.sql("select content, error from message where id = :id")
			.param("id", turn.answerId())
			.query()
			.singleRow();
		Map<String, Object> feedback = jdbc.sql("select comment, correction, reasons from feedback where message_id = :id")
			.param("id", turn.answerId())
			.query()
			.singleRow();
		Map<String, Object> battleRow = jdbc.sql("select prompt, answer_a, error_b from arena_battle where id = :id")
			.param("id", battle)
			.query()
			.singleRow();
		String prompt = jdbc.sql("select content from message where id = :id")
			.param("id", turn.promptId())
			.query(String.class)
			.single();
		assertThat(List.of(prompt, answer.get("content"), answer.get("error"), feedback.get("comment"),
				feedback.get("correction"), battleRow.get("prompt"), battleRow.get("answer_a"), battleRow.get("error_b")))
			.containsExactlyElementsOf(expected());
		assertThat(feedback.get("reasons")).isEqualTo("Other");
	}

}
