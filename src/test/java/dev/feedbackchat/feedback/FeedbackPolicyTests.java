package dev.feedbackchat.feedback;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.TestMessages;
import dev.feedbackchat.conversation.Turn;
import dev.feedbackchat.feedback.FeedbackWidget.Choice;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
			assertThat(policy.refusal(turn(status, null, null), true).map(FeedbackPolicyTests::english))
				.hasValue(refusal);
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
		assertThat(widget.form()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | Thumbs up, Thumbs down | 1, 0",
			"FACES | Very unhappy, Unhappy, Neutral, Happy, Very happy | 0, 1, 2, 3, 4",
			"STARS | 1 star, 2 stars, 3 stars, 4 stars, 5 stars | 0, 1, 2, 3, 4" })
	void scale(FeedbackScale scale, String labels, String values) {
		FeedbackWidget widget = policy(FeedbackMode.LOCKED, scale).widget(unrated(), true);
		assertThat(widget.scale()).isEqualTo(scale.id());
		assertThat(widget.choices()).extracting(choice -> english(choice.label())).containsExactly(labels.split(", "));
		assertThat(widget.choices()).extracting(choice -> Integer.toString(choice.value()))
			.containsExactly(values.split(", "));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | 1 | Thumbs up | Thumbs up", "THUMBS | 0 | Thumbs down | Thumbs down",
			"FACES | 1 | Unhappy | Unhappy", "STARS | 3 | 4 stars | 1 star, 2 stars, 3 stars, 4 stars" })
	void pressedAndLit(FeedbackScale scale, int value, String pressed, String lit) {
		FeedbackWidget widget = policy(FeedbackMode.LOCKED, scale).widget(rated(value), true);
		assertThat(widget.choices()).filteredOn(Choice::pressed).extracting(choice -> english(choice.label()))
			.containsExactly(pressed);
		assertThat(widget.choices()).filteredOn(Choice::lit).extracting(choice -> english(choice.label()))
			.containsExactly(lit.split(", "));
		assertThat(english(widget.rated())).isEqualTo(pressed);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "THUMBS | 0 | What could be better?", "THUMBS | 1 | Anything to add?",
			"FACES | 1 | What could be better?", "FACES | 2 | Anything to add?", "STARS | 0 | What could be better?",
			"STARS | 3 | Anything to add?" })
	void commentQuestion(FeedbackScale scale, int value, String question) {
		assertThat(english(policy(FeedbackMode.LOCKED, scale).widget(rated(value), true).form().question()))
			.isEqualTo(question);
	}

	@Test
	void oneComment() {
		FeedbackPolicy policy = locked();
		assertThat(policy.detailsRefusal(unrated(), true).map(FeedbackPolicyTests::english))
			.hasValue("Rate the answer before adding a comment.");
		assertThat(policy.detailsRefusal(rated(1), true)).isEmpty();
		Turn commented = turn(AnswerStatus.COMPLETE, 1, "Nice");
		assertThat(policy.detailsRefusal(commented, true).map(FeedbackPolicyTests::english))
			.hasValue("Your feedback on this answer has already been sent.");
		FeedbackWidget widget = policy.widget(commented, true);
		assertThat(widget.comment()).isEqualTo("Nice");
		assertThat(widget.form()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"THUMBS | 0 | What went wrong? | Not factually correct, Didn't follow instructions, Incomplete, Too long, Unsafe or offensive, Other | true",
			"THUMBS | 1 | What was good? | Accurate, Helpful, Well written | false",
			"FACES | 1 | What went wrong? | Not factually correct, Didn't follow instructions, Incomplete, Too long, Unsafe or offensive, Other | true",
			"FACES | 2 | What was good? | | false", "STARS | 4 | What was good? | Accurate, Helpful, Well written | false" })
	void detailsFormOffersTheReasonsOfTheRatingsSentimentAndACorrectionAfterANegativeOne(FeedbackScale scale, int value,
			String question, String reasons, boolean correction) {
		FeedbackWidget.Form form = policy(FeedbackMode.LOCKED, scale).widget(rated(value), true).form();
		assertThat(english(form.reasonsQuestion())).isEqualTo(question);
		assertThat(form.reasons()).containsExactly(reasons == null ? new String[0] : reasons.split(", "));
		assertThat(form.correction()).isEqualTo(correction);
		assertThat(form.correctionMaxLength()).isEqualTo(8000);
	}

	@Test
	void emptyListsOfferNoReasons() {
		FeedbackPolicy policy = new FeedbackPolicy(new FeedbackProperties(FeedbackMode.LOCKED, FeedbackScale.THUMBS,
				new FeedbackProperties.Reasons(List.of(), List.of("Helpful")), new FeedbackProperties.Correction(10)));
		assertThat(policy.widget(rated(0), true).form().reasons()).isEmpty();
		assertThat(policy.widget(rated(0), true).form().correctionMaxLength()).isEqualTo(10);
		assertThat(policy.widget(rated(1), true).form().reasons()).containsExactly("Helpful");
		assertThat(policy.chosenReasons(1, List.of())).isEmpty();
		assertThatThrownBy(() -> policy.chosenReasons(0, List.of("Helpful")))
			.hasMessage("refused.feedback.reasonNotForRating");
	}

	@Test
	void chosenReasonsComeInTheOrderOfferedOnceEach() {
		assertThat(locked().chosenReasons(0, List.of("Other", "Too long", "Other", "Not factually correct")))
			.containsExactly("Not factually correct", "Too long", "Other");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0 | Helpful | refused.feedback.reasonNotForRating",
			"1 | Too long | refused.feedback.reasonNotForRating", "0 | too long | refused.feedback.reasonNotOffered",
			"1 | '' | refused.feedback.reasonNotOffered" })
	void reasonsNotOfferedAfterTheRatingAreRefused(int value, String reason, String message) {
		assertThatThrownBy(() -> locked().chosenReasons(value, List.of(reason))).isInstanceOfSatisfying(Refused.class,
				refused -> {
					assertThat(refused.reason()).isEqualTo(Refused.Reason.INVALID);
					assertThat(refused).hasMessage(message);
				});
	}

	@Test
	void detailsAreSentOnceWhicheverOfThemCame() {
		FeedbackPolicy policy = locked();
		for (Turn.Feedback sent : List.of(new Turn.Feedback(0, null, List.of("Other"), null),
				new Turn.Feedback(0, null, List.of(), "Better"), new Turn.Feedback(0, "Nice", List.of(), null))) {
			Turn turn = rated(0).withFeedback(sent);
			assertThat(policy.detailsRefusal(turn, true).map(FeedbackPolicyTests::english))
				.hasValue("Your feedback on this answer has already been sent.");
			FeedbackWidget widget = policy.widget(turn, true);
			assertThat(widget.form()).isNull();
			assertThat(widget.reasons()).isEqualTo(sent.reasons());
			assertThat(widget.correction()).isEqualTo(sent.correction());
		}
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
			assertThat(policy.refusal(rated(1), true).map(FeedbackPolicyTests::english))
				.hasValue("This answer has already been rated.");
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "LOCKED", "CHANGEABLE" })
	void olderAnswers(FeedbackMode mode) {
		FeedbackPolicy policy = policy(mode, FeedbackScale.THUMBS);
		assertThat(policy.widget(unrated(), false).enabled()).isTrue();
		assertThat(policy.refusal(unrated(), false)).isEmpty();
		assertThat(policy.detailsRefusal(rated(0), false)).isEmpty();
	}

	@Test
	void latestOnly() {
		FeedbackPolicy policy = policy(FeedbackMode.LATEST_ONLY, FeedbackScale.THUMBS);
		assertThat(policy.widget(unrated(), true).enabled()).isTrue();

		FeedbackWidget older = policy.widget(unrated(), false);
		assertThat(older.buttons()).isFalse();
		assertThat(older.rated()).isNull();
		assertThat(policy.refusal(unrated(), false).map(FeedbackPolicyTests::english))
			.hasValue("Only the latest answer can be rated.");

		FeedbackWidget olderRated = policy.widget(rated(1), false);
		assertThat(olderRated.buttons()).isFalse();
		assertThat(english(olderRated.rated())).isEqualTo("Thumbs up");
		assertThat(olderRated.form()).isNull();
		assertThat(policy.detailsRefusal(rated(1), false).map(FeedbackPolicyTests::english))
			.hasValue("Only the latest answer can get a comment.");
	}

	static String english(String code) {
		return TestMessages.english(code);
	}

}
