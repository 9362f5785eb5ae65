package dev.feedbackchat.store;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ChatRecord} guarantees, run against each database it supports. Not transactional, so
 * concurrent writers really compete, as separate app instances would.
 */
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class ChatRecordContract {

	static final Rating UP = new Rating(FeedbackScale.THUMBS, 1);

	static final Rating DOWN = new Rating(FeedbackScale.THUMBS, 0);

	@Autowired
	ChatRecord record;

	@Autowired
	JdbcClient jdbc;

	static FinishedTurn turn(UUID conversation, String prompt) {
		Instant now = Instant.now();
		return new FinishedTurn(conversation, UUID.randomUUID(), prompt, now, UUID.randomUUID(),
				"You said, \"" + prompt + "\" ...interesting.", "echo", "echo", 3L, AnswerStatus.COMPLETE, now.plusMillis(700), null);
	}

	long count(String sql, Object... params) {
		var spec = jdbc.sql(sql);
		for (Object param : params) {
			spec = spec.param(param);
		}
		return spec.query(Long.class).single();
	}

	@Test
	void aTurnStoresItsConversationOnceAndBothMessagesWithTheResponder() {
		UUID conversation = UUID.randomUUID();
		FinishedTurn first = turn(conversation, "one, \"two\"\nthree 😀");
		record.saveTurn(first);
		record.saveTurn(turn(conversation, "again"));
		assertThat(count("select count(*) from conversation where id = ?", conversation)).isEqualTo(1);
		assertThat(count("select count(*) from message where conversation_id = ?", conversation)).isEqualTo(4);
		var answer = jdbc.sql("select a.content, a.responder, p.content as prompt from message a "
				+ "join message p on p.id = a.prompt_id where a.id = ?")
			.param(first.answerId())
			.query((rs, n) -> List.of(rs.getString("content"), rs.getString("responder"), rs.getString("prompt")))
			.single();
		assertThat(answer).containsExactly(first.answer(), "echo", first.prompt());
	}

	@Test
	void theFirstRatingLocksTheAnswer() {
		FinishedTurn turn = turn(UUID.randomUUID(), "rate me");
		record.saveTurn(turn);
		assertThat(record.rateOnce(turn.answerId(), UP)).isTrue();
		assertThat(record.rateOnce(turn.answerId(), DOWN)).isFalse();
		assertThat(count("select count(*) from feedback where message_id = ? and rating = 1 and sentiment = 'positive'",
				turn.answerId())).isEqualTo(1);
	}

	@Test
	void aChangeableRatingReplacesTheEarlierOne() {
		FinishedTurn turn = turn(UUID.randomUUID(), "change me");
		record.saveTurn(turn);
		record.rate(turn.answerId(), UP);
		record.rate(turn.answerId(), DOWN);
		assertThat(count("select count(*) from feedback where message_id = ?", turn.answerId())).isEqualTo(1);
		assertThat(count("select count(*) from feedback where message_id = ? and rating = 0 and updated_at is not null",
				turn.answerId())).isEqualTo(1);
	}

	@Test
	void detailsAreStoredTogetherOnceAndOnlyOnARatedAnswer() {
		FinishedTurn turn = turn(UUID.randomUUID(), "comment me");
		record.saveTurn(turn);
		assertThat(record.detailsOnce(turn.answerId(), 0, List.of(), "too early", null)).isFalse();
		record.rateOnce(turn.answerId(), DOWN);
		String correction = "Line one, \"quoted\"\n<b>two</b> 😀";
		assertThat(record.detailsOnce(turn.answerId(), 0, List.of("Incomplete", "Too long"), "Say more, \"please\" 👍",
				correction)).isTrue();
		assertThat(record.detailsOnce(turn.answerId(), 0, List.of(), "again", null)).isFalse();
		assertThat(record.detailsOnce(turn.answerId(), 0, List.of("Other"), null, null)).isFalse();
		assertThat(jdbc.sql("select reasons, comment, correction from feedback where message_id = ?")
			.param(turn.answerId())
			.query((rs, n) -> List.of(rs.getString("reasons"), rs.getString("comment"), rs.getString("correction")))
			.single()).containsExactly("Incomplete\nToo long", "Say more, \"please\" 👍", correction);
		assertThat(record.feedback(turn.answerId())).contains(new StoredFeedback(turn.answerId(), "thumbs", 0,
				"Say more, \"please\" 👍", List.of("Incomplete", "Too long"), correction));
	}

	@Test
	void detailsLeaveWhatIsNotSentNull() {
		FinishedTurn turn = turn(UUID.randomUUID(), "reasons only");
		record.saveTurn(turn);
		record.rateOnce(turn.answerId(), UP);
		assertThat(record.detailsOnce(turn.answerId(), 1, List.of("Helpful"), null, null)).isTrue();
		assertThat(count("select count(*) from feedback where message_id = ? and reasons = 'Helpful' "
				+ "and comment is null and correction is null", turn.answerId())).isEqualTo(1);
		assertThat(record.feedback(turn.answerId()).orElseThrow().reasons()).containsExactly("Helpful");
	}

	@Test
	void detailsChosenForAnotherRatingAreNotStored() {
		FinishedTurn turn = turn(UUID.randomUUID(), "changed");
		record.saveTurn(turn);
		record.rate(turn.answerId(), UP);
		assertThat(record.detailsOnce(turn.answerId(), 0, List.of("Too long"), null, "shorter")).isFalse();
		assertThat(record.feedback(turn.answerId()).orElseThrow())
			.isEqualTo(new StoredFeedback(turn.answerId(), "thumbs", 1, null, List.of(), null));
	}

	@Test
	void ofTwentyConcurrentDetailsExactlyOneIsStored() throws Exception {
		FinishedTurn turn = turn(UUID.randomUUID(), "race details");
		record.saveTurn(turn);
		record.rateOnce(turn.answerId(), DOWN);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String comment = "writer " + i;
				results.add(pool.submit(() -> {
					start.await();
					return record.detailsOnce(turn.answerId(), 0, List.of("Other"), comment, comment);
				}));
			}
			start.countDown();
			int stored = 0;
			for (Future<Boolean> result : results) {
				stored += result.get() ? 1 : 0;
			}
			assertThat(stored).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		StoredFeedback feedback = record.feedback(turn.answerId()).orElseThrow();
		assertThat(feedback.correction()).as("comment and correction of the same request").isEqualTo(feedback.comment());
	}

	@Test
	void ofTwentyConcurrentFirstRatingsExactlyOneIsStored() throws Exception {
		FinishedTurn turn = turn(UUID.randomUUID(), "race");
		record.saveTurn(turn);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Boolean>> raters = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			Rating rating = i % 2 == 0 ? UP : DOWN;
			raters.add(() -> {
				start.await();
				return record.rateOnce(turn.answerId(), rating);
			});
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			List<Future<Boolean>> results = raters.stream().map(pool::submit).toList();
			start.countDown();
			int stored = 0;
			for (Future<Boolean> result : results) {
				stored += result.get() ? 1 : 0;
			}
			assertThat(stored).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("select count(*) from feedback where message_id = ?", turn.answerId())).isEqualTo(1);
	}

	@Test
	void theSameTurnFinishedByTwoInstancesAtOnceIsRecordedOnce() throws Exception {
		FinishedTurn turn = turn(UUID.randomUUID(), "typed twice");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> saves = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				saves.add(pool.submit(() -> {
					start.await();
					record.saveTurn(turn);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> save : saves) {
				save.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(count("select count(*) from message where id in (?, ?)", turn.promptId(), turn.answerId())).isEqualTo(2);
		assertThat(record.answer(turn.answerId())).contains(new StoredAnswer(turn.answer(), AnswerStatus.COMPLETE, 3L, null));
	}

	@Test
	void aRegeneratedAnswerIsASiblingOfTheFirstAndThePromptIsStoredOnceWithTheAnswerItContinues() {
		UUID conversation = UUID.randomUUID();
		FinishedTurn before = turn(conversation, "before");
		record.saveTurn(before);
		FinishedTurn first = continuing(turn(conversation, "again"), before.answerId(), null);
		record.saveTurn(first);
		FinishedTurn regenerated = new FinishedTurn(conversation, first.promptId(), first.prompt(), first.promptedAt(),
				UUID.randomUUID(), "another answer", "openai", "m", 4L, AnswerStatus.STOPPED, first.answeredAt().plusSeconds(5),
				null, before.answerId(), first.answerId());

		record.saveTurn(regenerated);

		assertThat(count("select count(*) from message where role = 'user' and conversation_id = ?", conversation))
			.as("the prompt once").isEqualTo(2);
		assertThat(jdbc.sql("select id from message where prompt_id = ? order by created_at")
			.param(first.promptId())
			.query(UUID.class)
			.list()).containsExactly(first.answerId(), regenerated.answerId());
		assertThat(column("regenerated_from", regenerated.answerId())).isEqualTo(first.answerId());
		assertThat(column("regenerated_from", first.answerId())).isNull();
		assertThat(column("parent_id", first.promptId())).isEqualTo(before.answerId());
		assertThat(column("parent_id", before.promptId())).isNull();
		assertThat(record.answer(regenerated.answerId()))
			.contains(new StoredAnswer("another answer", AnswerStatus.STOPPED, 4L, null));
	}

	@Test
	void aParentOrAnEarlierAnswerThatIsNotRecordedIsLeftOut() {
		UUID unrecorded = UUID.randomUUID();
		FinishedTurn turn = continuing(turn(UUID.randomUUID(), "after an answer that could not be saved"), unrecorded,
				unrecorded);

		record.saveTurn(turn);

		assertThat(column("parent_id", turn.promptId())).isNull();
		assertThat(column("regenerated_from", turn.answerId())).isNull();
		assertThat(record.answer(turn.answerId())).isPresent();
	}

	@Test
	void theAnswersToPromptsComeOldestFirstWithTheirFeedbackAndTheTextsOfThoseNotKnown() {
		FinishedTurn first = turn(UUID.randomUUID(), "answers to me");
		record.saveTurn(first);
		FinishedTurn regenerated = continuing(new FinishedTurn(first.conversationId(), first.promptId(), first.prompt(),
				first.promptedAt(), UUID.randomUUID(), "the second, \"quoted\" 😀", "openai", "m", 4L, AnswerStatus.STOPPED,
				first.answeredAt().plusSeconds(1), null), null, first.answerId());
		record.saveTurn(regenerated);
		record.rateOnce(first.answerId(), UP);
		record.detailsOnce(first.answerId(), 1, List.of("Accurate", "Helpful"), "fine", null);

		List<RecordedAnswer> answers = record.answersTo(List.of(first.promptId(), UUID.randomUUID()), List.of(first.answerId()));

		assertThat(answers).extracting(RecordedAnswer::id).containsExactly(first.answerId(), regenerated.answerId());
		assertThat(answers.get(0).text()).as("known").isNull();
		assertThat(answers.get(0).feedback()).isEqualTo(new StoredFeedback(first.answerId(), "thumbs", 1, "fine",
				List.of("Accurate", "Helpful"), null));
		RecordedAnswer second = answers.get(1);
		assertThat(second).isEqualTo(new RecordedAnswer(first.promptId(), regenerated.answerId(), regenerated.answer(),
				AnswerStatus.STOPPED, null, "openai", "m", 4L, first.answerId(), second.answeredAt(), null));
		assertThat(record.promptOf(regenerated.answerId())).contains(first.promptId());
		assertThat(record.promptOf(first.promptId())).as("a prompt answers nothing").isEmpty();
	}

	static FinishedTurn continuing(FinishedTurn turn, UUID parentId, UUID regeneratedFrom) {
		return new FinishedTurn(turn.conversationId(), turn.promptId(), turn.prompt(), turn.promptedAt(), turn.answerId(),
				turn.answer(), turn.responder(), turn.model(), turn.firstTokenMillis(), turn.status(), turn.answeredAt(),
				turn.error(), parentId, regeneratedFrom);
	}

	UUID column(String column, UUID messageId) {
		return jdbc.sql("select " + column + " from message where id = ?").param(messageId).query(UUID.class).optional()
			.orElse(null);
	}

	@Test
	void aFailedAnswerIsRecordedWithItsErrorAndItsRetryReplacesIt() {
		FinishedTurn turn = turn(UUID.randomUUID(), "fail first");
		FinishedTurn failed = new FinishedTurn(turn.conversationId(), turn.promptId(), turn.prompt(), turn.promptedAt(),
				turn.answerId(), "partial", "openai", "m", 5L, AnswerStatus.FAILED, turn.answeredAt(), "The model server did not answer.");
		record.saveTurn(failed);
		assertThat(record.answer(turn.answerId()))
			.contains(new StoredAnswer("partial", AnswerStatus.FAILED, 5L, "The model server did not answer."));

		record.forgetFailed(turn.answerId());
		assertThat(record.answer(turn.answerId())).isEmpty();
		record.saveTurn(turn);
		assertThat(record.answer(turn.answerId())).contains(new StoredAnswer(turn.answer(), AnswerStatus.COMPLETE, 3L, null));
		assertThat(count("select count(*) from message where conversation_id = ?", turn.conversationId())).isEqualTo(2);

		record.forgetFailed(turn.answerId());
		assertThat(record.answer(turn.answerId())).as("a finished answer is never forgotten").isPresent();
	}

}
