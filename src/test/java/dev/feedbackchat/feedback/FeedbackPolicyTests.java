package dev.feedbackchat.feedback;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackWidget.Choice;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of rating: they depend on the mode, the scale and the turn alone. */
class FeedbackPolicyTests {

	static FeedbackPolicy policy(FeedbackMode mode, FeedbackScale scale) {
		return new FeedbackPolicy(new FeedbackProperties(mode, scale));
	}

	static FeedbackPolicy locked() {
		return policy(FeedbackMode.LOCKED, FeedbackScale.THUMBS);
	}

	static Turn turn(AnswerStatus status, Integer rating, String comment) {
		return new Turn(UUID.randomUUID(), new Turn.Prompt(UUID.randomUUID(), "hello", Instant.now()),
				new Turn.Answer(UUID.randomUUID(), "You said, \"hello\" ...interesting.", status, null,
						new Turn.Origin("echo", "echo", false, "here"), Instant.now(), 3L),
				new Turn.Feedback(rating, comment));
	}

	static Turn unrated() {
		return turn(AnswerStatus.COMPLETE, null, null);
	}

	static Turn rated(int value) {
		return turn(AnswerStatus.COMPLETE, value, null);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "GENERATING | Wait until the answer is complete before rating it.",
			"FAILED | This answer failed, so it cannot be rated." })
	void unfinishedOrFailed(AnswerStatus status, String refusal) {
		for (FeedbackMode mode : FeedbackMode.values()) {
			FeedbackPolicy policy = policy(mode, FeedbackScale.THUMBS);
			assertThat(policy.widget(turn(status, null, null), true)).isNull();
			assertThat(policy.refusal(turn(status, null, null), true)).hasValue(refusal);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "COMPLETE", "STOPPED" })
	void rateable(AnswerStatus status) {
		FeedbackWidget widget = locked().widget(turn(status, null, null), true);
		assertThat(widget.buttons()).isTrue();
		assertThat(widget.enabled()).isTrue();
		assertThat(widget.choices()).noneMatch(Choice::pressed);
		assertThat(widget.rated()).isNull();
		assertThat(widget.commentLabel()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | Thumbs up, Thumbs down | 1, 0",
			"FACES | Very unhappy, Unhappy, Neutral, Happy, Very happy | 0, 1, 2, 3, 4",
			"STARS | 1 star, 2 stars, 3 stars, 4 stars, 5 stars | 0, 1, 2, 3, 4" })
	void scale(FeedbackScale scale, String labels, String values) {
		FeedbackWidget widget = policy(FeedbackMode.LOCKED, scale).widget(unrated(), true);
		assertThat(widget.scale()).isEqualTo(scale.id());
		assertThat(widget.choices()).extracting(Choice::label).containsExactly(labels.split(", "));
		assertThat(widget.choices()).extracting(choice -> Integer.toString(choice.value()))
			.containsExactly(values.split(", "));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | 1 | Thumbs up | Thumbs up", "THUMBS | 0 | Thumbs down | Thumbs down",
			"FACES | 1 | Unhappy | Unhappy", "STARS | 3 | 4 stars | 1 star, 2 stars, 3 stars, 4 stars" })
	void pressedAndLit(FeedbackScale scale, int value, String pressed, String lit) {
		FeedbackWidget widget = policy(FeedbackMode.LOCKED, scale).widget(rated(value), true);
		assertThat(widget.choices()).filteredOn(Choice::pressed).extracting(Choice::label).containsExactly(pressed);
		assertThat(widget.choices()).filteredOn(Choice::lit).extracting(Choice::label).containsExactly(lit.split(", "));
		assertThat(widget.rated()).isEqualTo(pressed);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | 0 | What could be better?", "THUMBS | 1 | Anything to add?",
			"FACES | 1 | What could be better?", "FACES | 2 | Anything to add?", "STARS | 0 | What could be better?",
			"STARS | 3 | Anything to add?" })
	void commentQuestion(FeedbackScale scale, int value, String question) {
		assertThat(policy(FeedbackMode.LOCKED, scale).widget(rated(value), true).commentLabel()).isEqualTo(question);
	}

	@Test
	void oneComment() {
		FeedbackPolicy policy = locked();
		assertThat(policy.commentRefusal(unrated(), true)).hasValue("Rate the answer before adding a comment.");
		assertThat(policy.commentRefusal(rated(1), true)).isEmpty();
		Turn commented = turn(AnswerStatus.COMPLETE, 1, "Nice");
		assertThat(policy.commentRefusal(commented, true)).hasValue("This answer already has a comment.");
		FeedbackWidget widget = policy.widget(commented, true);
		assertThat(widget.comment()).isEqualTo("Nice");
		assertThat(widget.commentLabel()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "LOCKED, false", "CHANGEABLE, true", "LATEST_ONLY, false" })
	void afterRating(FeedbackMode mode, boolean changeable) {
		FeedbackPolicy policy = policy(mode, FeedbackScale.THUMBS);
		assertThat(policy.ratingsChangeable()).isEqualTo(changeable);
		assertThat(policy.widget(rated(1), true).enabled()).isEqualTo(changeable);
		if (changeable) {
			assertThat(policy.refusal(rated(1), true)).isEmpty();
		}
		else {
			assertThat(policy.refusal(rated(1), true)).hasValue("This answer has already been rated.");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "LOCKED", "CHANGEABLE" })
	void olderAnswers(FeedbackMode mode) {
		FeedbackPolicy policy = policy(mode, FeedbackScale.THUMBS);
		assertThat(policy.widget(unrated(), false).enabled()).isTrue();
		assertThat(policy.refusal(unrated(), false)).isEmpty();
		assertThat(policy.commentRefusal(rated(0), false)).isEmpty();
	}

	@Test
	void latestOnly() {
		FeedbackPolicy policy = policy(FeedbackMode.LATEST_ONLY, FeedbackScale.THUMBS);
		assertThat(policy.widget(unrated(), true).enabled()).isTrue();

		FeedbackWidget older = policy.widget(unrated(), false);
		assertThat(older.buttons()).isFalse();
		assertThat(older.rated()).isNull();
		assertThat(policy.refusal(unrated(), false)).hasValue("Only the latest answer can be rated.");

		FeedbackWidget olderRated = policy.widget(rated(1), false);
		assertThat(olderRated.buttons()).isFalse();
		assertThat(olderRated.rated()).isEqualTo("Thumbs up");
		assertThat(olderRated.commentLabel()).isNull();
		assertThat(policy.commentRefusal(rated(1), false)).hasValue("Only the latest answer can get a comment.");
	}

}
