package dev.feedbackchat.feedback;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import dev.feedbackchat.model.BlankTests;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.store.ChatRecord;
import dev.feedbackchat.store.Rating;
import dev.feedbackchat.store.StoredFeedback;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.ResultActions;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.body;
import static dev.feedbackchat.MockChat.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.reset;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Ratings and comments over HTTP, in the default mode (locked, thumbs). The rules of the other modes and scales
 * are FeedbackPolicy's: see {@link FeedbackPolicyTests}.
 */
@ChatWebTest
class FeedbackControllerTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@MockitoSpyBean
	ChatRecord record;

	String id;

	@BeforeEach
	void answered() throws Exception {
		chat.newBrowser();
		id = answered("hello");
	}

	String answered(String prompt) throws Exception {
		String answer = chat.sendOk(prompt);
		responder.finishAll();
		return answer;
	}

	Element answerOnPage() throws Exception {
		return chat.page().selectFirst("#m-" + id);
	}

	static Element widget(ResultActions result) throws Exception {
		return fragment(result).selectFirst(".feedback");
	}

	static Element up(Element scope) {
		return scope.selectFirst("button[aria-label='Thumbs up']");
	}

	static Element down(Element scope) {
		return scope.selectFirst("button[aria-label='Thumbs down']");
	}

	/** The widget shows this rating, pressed, and takes no other. */
	static void locked(Element widget, String pressed) {
		assertThat(widget.select(".rating button[aria-pressed=true]").eachAttr("aria-label")).containsExactly(pressed);
		assertThat(widget.select(".rating button")).hasSize(2).allMatch(button -> button.hasAttr("disabled"));
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void rate(boolean htmx) throws Exception {
		ResultActions result = chat.post("/messages/" + id + "/feedback", htmx, "value", "1");
		if (htmx) {
			Document fragment = fragment(result.andExpect(status().isOk()));
			locked(fragment.selectFirst("#feedback-" + id), "Thumbs up");
			assertThat(fragment.selectFirst("#error[hx-swap-oob=true]").text()).isEmpty();
		}
		else {
			result.andExpect(redirectedUrl("/#m-" + id));
		}
		locked(answerOnPage(), "Thumbs up");
	}

	@Test
	void rateDown() throws Exception {
		Element widget = widget(chat.rate(id, "0").andExpect(status().isOk()));
		locked(widget, "Thumbs down");
		assertThat(widget.selectFirst(".comment-form label[for=comment-" + id + "]").text()).isEqualTo("What could be better?");
		Element box = widget.selectFirst(".comment-form textarea");
		assertThat(box.attr("name")).isEqualTo("comment");
		// Without JavaScript the box posts with the page's hidden form, which holds the CSRF token.
		assertThat(box.attr("form")).isEqualTo("comment-form-" + id);
		assertThat(chat.page().select("form#comment-form-" + id + " input[name=_csrf]")).hasSize(1);
	}

	@Test
	void ratingWritesOneTurn() throws Exception {
		chat.page();
		chat.session().writes();
		chat.rate(id, "1").andExpect(status().isOk());
		assertThat(chat.session().writes()).singleElement().asString().startsWith("chat.turn.").endsWith("." + id);
	}

	@Test
	void secondRating() throws Exception {
		chat.rate(id, "1").andExpect(status().isOk());
		ResultActions second = chat.rate(id, "0").andExpect(status().isConflict());
		assertConflict(second, "This answer has already been rated.");
		locked(widget(second), "Thumbs up");
		locked(answerOnPage(), "Thumbs up");
	}

	@Test
	void ratedElsewhere() throws Exception {
		// Another instance (or a request whose session write was lost) rated first: the record decides.
		assertThat(record.rateOnce(UUID.fromString(id), new Rating(FeedbackScale.THUMBS, 0))).isTrue();
		ResultActions refused = chat.rate(id, "1").andExpect(status().isConflict());
		assertConflict(refused, "This answer has already been rated.");
		locked(widget(refused), "Thumbs down");
		locked(answerOnPage(), "Thumbs down");
	}

	@Test
	void commentedElsewhere() throws Exception {
		chat.rate(id, "0").andExpect(status().isOk());
		assertThat(record.detailsOnce(UUID.fromString(id), 0, List.of(), "theirs", null)).isTrue();
		ResultActions refused = chat.comment(id, "mine").andExpect(status().isConflict());
		assertConflict(refused, SENT);
		Element widget = widget(refused);
		locked(widget, "Thumbs down");
		assertThat(widget.selectFirst(".comment-text").text()).isEqualTo("theirs");
		assertThat(widget.select(".comment-form")).isEmpty();
		assertThat(answerOnPage().selectFirst(".comment-text").text()).isEqualTo("theirs");
	}

	/** A refused change answers with the widget as recorded (swapped in place) and the reason out of band. */
	static void assertConflict(ResultActions result, String message) throws Exception {
		result.andExpect(header().doesNotExist("HX-Retarget"));
		Element error = fragment(result).selectFirst("#error[hx-swap-oob=true]");
		assertThat(error.selectFirst(".alert").text()).isEqualTo(message);
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void comment(boolean htmx) throws Exception {
		chat.rate(id, "1").andExpect(status().isOk());
		ResultActions result = chat.post("/messages/" + id + "/comment", htmx, "comment",
				"Nice <script>alert(1)</script>\r\nsecond line");
		String text = "Nice <script>alert(1)</script>\nsecond line";
		if (htmx) {
			String html = body(result.andExpect(status().isOk()));
			assertThat(html).doesNotContain("<script>");
			Element widget = widget(result);
			assertThat(widget.select(".comment-form")).isEmpty();
			assertThat(widget.selectFirst(".comment-text").wholeText()).isEqualTo(text);
		}
		else {
			result.andExpect(redirectedUrl("/#m-" + id));
		}
		assertThat(answerOnPage().selectFirst(".comment-text").wholeText()).isEqualTo(text);
		assertThat(chat.page().select("form[id^=comment-form-]")).isEmpty();
	}

	@Test
	void secondComment() throws Exception {
		chat.rate(id, "1").andExpect(status().isOk());
		chat.comment(id, "first").andExpect(status().isOk());
		ResultActions second = chat.comment(id, "again").andExpect(status().isConflict());
		assertConflict(second, SENT);
		assertThat(widget(second).selectFirst(".comment-text").text()).isEqualTo("first");
		assertThat(answerOnPage().selectFirst(".comment-text").text()).isEqualTo("first");
	}

	@Test
	void commentBeforeRating() throws Exception {
		assertThat(alert(chat.comment(id, "first!").andExpect(status().isConflict())
			.andExpect(header().string("HX-Retarget", "#error")))).isEqualTo("Rate the answer before adding a comment.");
		assertThat(answerOnPage().select(".comment-text")).isEmpty();
	}

	static Stream<Arguments> refusedComments() {
		return Stream.concat(
				BlankTests.INVISIBLE.stream().map(text -> Arguments.of(text, 400, NOTHING)),
				Stream.of(Arguments.of("x".repeat(2001), 413, "Your comment is 2,001 characters long; the limit is 2,000.")));
	}

	@ParameterizedTest
	@MethodSource("refusedComments")
	void refusedComment(String text, int status, String message) throws Exception {
		chat.rate(id, "1").andExpect(status().isOk());
		assertThat(alert(chat.comment(id, text).andExpect(status().is(status)))).isEqualTo(message);
		assertThat(answerOnPage().select(".comment-text")).isEmpty();
		chat.comment(id, "x".repeat(2000)).andExpect(status().isOk());
	}

	@Test
	void rateDownOffersNegativeReasonsAndACorrection() throws Exception {
		Element form = widget(chat.rate(id, "0").andExpect(status().isOk())).selectFirst("#details-" + id);
		assertThat(form.selectFirst("fieldset.reasons legend").text()).isEqualTo("What went wrong?");
		Elements boxes = form.select("fieldset.reasons input[type=checkbox]");
		assertThat(boxes.eachAttr("value")).containsExactly("Not factually correct", "Didn't follow instructions",
				"Incomplete", "Too long", "Unsafe or offensive", "Other");
		assertThat(boxes).allMatch(box -> box.attr("name").equals("reason") && box.attr("form").equals("comment-form-" + id)
				&& form.selectFirst("label.chip[for=" + box.id() + "]").text().equals(box.val()));
		// The toggle buttons chat.js shows instead, each naming its checkbox.
		Elements chips = form.select("fieldset.reasons button.chip");
		assertThat(chips.eachText()).isEqualTo(boxes.eachAttr("value"));
		assertThat(chips).allMatch(chip -> chip.hasAttr("hidden") && chip.attr("type").equals("button")
				&& chip.attr("aria-pressed").equals("false") && boxes.stream().anyMatch(box -> box.id().equals(chip.attr("data-reason-box"))));
		Element correction = form.selectFirst("textarea[name=correction]");
		assertThat(form.selectFirst("label[for=" + correction.id() + "]").text()).isEqualTo("What should the answer have been?");
		assertThat(correction.attr("form")).isEqualTo("comment-form-" + id);
		assertThat(correction.attr("maxlength")).isEqualTo("8000");
		assertThat(correction.text()).isEmpty();
		Element send = form.selectFirst("button.send-comment");
		assertThat(send.text()).isEqualTo("Send feedback");
		assertThat(send.attr("hx-include")).isEqualTo("#details-" + id);
		assertThat(send.attr("form")).isEqualTo("comment-form-" + id);
	}

	@Test
	void rateUpOffersPositiveReasonsAndNoCorrection() throws Exception {
		Element form = widget(chat.rate(id, "1").andExpect(status().isOk())).selectFirst("#details-" + id);
		assertThat(form.selectFirst("fieldset.reasons legend").text()).isEqualTo("What was good?");
		assertThat(form.select("input[name=reason]").eachAttr("value")).containsExactly("Accurate", "Helpful", "Well written");
		assertThat(form.select("textarea[name=correction]")).isEmpty();
	}

	static final String SENT = "Your feedback on this answer has already been sent.";

	static final String NOTHING = "Choose a reason or write something before sending.";

	static final String CORRECTION = "It should say <b>\"hello\"</b> back &amp;\r\nthen stop. 😀 ";

	/** Reasons, comment and correction of one submit, as the widget shows them once sent, escaped. */
	static void assertSent(Element widget) {
		assertThat(widget.select(".reasons-sent li").eachText()).containsExactly("Not factually correct", "Too long");
		assertThat(widget.selectFirst(".comment-text").wholeText()).isEqualTo("Nope & <i>no</i>");
		assertThat(widget.selectFirst(".correction-text").wholeText())
			.isEqualTo("It should say <b>\"hello\"</b> back &amp;\nthen stop. 😀");
		assertThat(widget.select("b, i")).isEmpty();
		assertThat(widget.select(".comment-form, input, textarea")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void detailsAfterThumbsDownAreSentTogetherOnceAndShownReadOnly(boolean htmx) throws Exception {
		chat.rate(id, "0").andExpect(status().isOk());
		ResultActions result = chat.post("/messages/" + id + "/comment", htmx, "reason", "Too long", "reason",
				"Not factually correct", "reason", "Too long", "comment", "Nope & <i>no</i>", "correction", CORRECTION);
		if (htmx) {
			assertSent(widget(result.andExpect(status().isOk())));
			assertThat(fragment(result).selectFirst("#error[hx-swap-oob=true]").text()).isEmpty();
		}
		else {
			result.andExpect(redirectedUrl("/#m-" + id));
		}
		assertSent(answerOnPage());
		assertThat(chat.page().select("form[id^=comment-form-]")).isEmpty();
		UUID answer = UUID.fromString(id);
		assertThat(record.feedback(answer)).contains(new StoredFeedback(answer, "thumbs", 0, "Nope & <i>no</i>",
				List.of("Not factually correct", "Too long"), "It should say <b>\"hello\"</b> back &amp;\nthen stop. 😀"));
	}

	@Test
	void reasonsAloneAfterThumbsUp() throws Exception {
		chat.rate(id, "1").andExpect(status().isOk());
		Element widget = widget(chat.post("/messages/" + id + "/comment", true, "reason", "Helpful", "comment", "",
				"correction", "").andExpect(status().isOk()));
		assertThat(widget.select(".reasons-sent li").eachText()).containsExactly("Helpful");
		assertThat(widget.select(".comment-text, .correction-text, .comment-form")).isEmpty();
		assertThat(record.feedback(UUID.fromString(id)).orElseThrow())
			.isEqualTo(new StoredFeedback(UUID.fromString(id), "thumbs", 1, null, List.of("Helpful"), null));
	}

	@Test
	void aCorrectionAtTheLimitCountsCharactersNotUnits() throws Exception {
		chat.rate(id, "0").andExpect(status().isOk());
		chat.post("/messages/" + id + "/comment", true, "correction", "😀".repeat(8000)).andExpect(status().isOk());
		assertThat(record.feedback(UUID.fromString(id)).orElseThrow().correction()).isEqualTo("😀".repeat(8000));
	}

	static Stream<Arguments> refusedDetails() {
		return Stream.of(true, false)
			.flatMap(htmx -> Stream.of(
					Arguments.of(htmx, "0", List.of("comment", " \u200B", "correction", "\u00A0\r\n"), 400, NOTHING),
					Arguments.of(htmx, "0", List.of("reason", "Because", "comment", "why"), 400,
							"Choose reasons from those offered."),
					Arguments.of(htmx, "0", List.of("reason", "Too long", "reason", "Helpful"), 400,
							"That reason does not go with your rating."),
					Arguments.of(htmx, "1", List.of("reason", "Too long"), 400, "That reason does not go with your rating."),
					Arguments.of(htmx, "1", List.of("reason", "Helpful", "correction", "Say it better"), 400,
							"A correction goes with a negative rating."),
					Arguments.of(htmx, "0", List.of("reason", "Too long", "correction", "x".repeat(8001)), 413,
							"Your correction is 8,001 characters long; the limit is 8,000."),
					Arguments.of(htmx, "0", List.of("reason", "Too long", "comment", "x".repeat(2001)), 413,
							"Your comment is 2,001 characters long; the limit is 2,000.")));
	}

	@ParameterizedTest
	@MethodSource("refusedDetails")
	void refusedDetailsChangeNothing(boolean htmx, String rating, List<String> params, int status, String message)
			throws Exception {
		chat.rate(id, rating).andExpect(status().isOk());
		ResultActions refused = chat.post("/messages/" + id + "/comment", htmx, params.toArray(String[]::new))
			.andExpect(status().is(status));
		assertThat(alert(refused)).isEqualTo(message);
		if (htmx) {
			refused.andExpect(header().string("HX-Retarget", "#error"));
		}
		UUID answer = UUID.fromString(id);
		assertThat(record.feedback(answer)).contains(new StoredFeedback(answer, "thumbs", Integer.parseInt(rating), null,
				List.of(), null));
		assertThat(answerOnPage().select("#details-" + id + " button.send-comment")).hasSize(1);
		chat.comment(id, "Now it works").andExpect(status().isOk());
	}

	@Test
	void detailsSentElsewhereWin() throws Exception {
		chat.rate(id, "0").andExpect(status().isOk());
		assertThat(record.detailsOnce(UUID.fromString(id), 0, List.of("Incomplete"), null, "Theirs")).isTrue();
		ResultActions refused = chat.post("/messages/" + id + "/comment", true, "reason", "Too long", "correction", "Mine")
			.andExpect(status().isConflict());
		assertConflict(refused, SENT);
		for (Element widget : List.of(widget(refused), answerOnPage())) {
			assertThat(widget.select(".reasons-sent li").eachText()).containsExactly("Incomplete");
			assertThat(widget.selectFirst(".correction-text").text()).isEqualTo("Theirs");
			assertThat(widget.select(".comment-form")).isEmpty();
		}
	}

	@Test
	void detailsWithoutCsrfToken() throws Exception {
		chat.rate(id, "0").andExpect(status().isOk());
		chat.perform(post("/messages/{id}/comment", id).header("HX-Request", "true").param("reason", "Other"))
			.andExpect(status().isForbidden());
		assertThat(record.feedback(UUID.fromString(id)).orElseThrow().reasons()).isEmpty();
	}

	@Test
	void unknownAnswer() throws Exception {
		String prompt = chat.page().selectFirst("article.message.user").id().substring(2);
		for (String other : new String[] { "7b1f6c1e-0000-4000-8000-000000000000", prompt }) {
			assertThat(alert(chat.rate(other, "1").andExpect(status().isNotFound())))
				.isEqualTo("This message is not in your conversation.");
		}
		chat.rate("not-a-uuid", "1").andExpect(status().isBadRequest());
	}

	@Test
	void streaming() throws Exception {
		String live = chat.sendOk("again");
		assertThat(alert(chat.rate(live, "1").andExpect(status().isConflict())))
			.isEqualTo("Wait until the answer is complete before rating it.");
		responder.finishAll();
		assertThat(up(chat.page().selectFirst("#m-" + live)).attr("aria-pressed")).isEqualTo("false");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "2", "-1", "abc", "" })
	void badValue(String value) throws Exception {
		ResultActions result = value == null ? chat.post("/messages/" + id + "/feedback", true)
				: chat.rate(id, value);
		result.andExpect(status().isBadRequest());
		assertThat(up(answerOnPage()).hasAttr("disabled")).isFalse();
	}

	@Test
	void withoutCsrfToken() throws Exception {
		chat.perform(post("/messages/{id}/feedback", id).header("HX-Request", "true").param("value", "1"))
			.andExpect(status().isForbidden());
		assertThat(up(answerOnPage()).attr("aria-pressed")).isEqualTo("false");
	}

	@Test
	void anyOrder() throws Exception {
		String second = answered("two");
		chat.rate(id, "0").andExpect(status().isOk());
		chat.rate(second, "1").andExpect(status().isOk());
		Document page = chat.page();
		locked(page.selectFirst("#m-" + id), "Thumbs down");
		locked(page.selectFirst("#m-" + second), "Thumbs up");
	}

	@Test
	void databaseDown() throws Exception {
		willThrow(new DataAccessResourceFailureException("database down")).given(record).rateOnce(any(), any());
		try {
			assertThat(alert(chat.rate(id, "1").andExpect(status().isServiceUnavailable())))
				.isEqualTo("Your feedback could not be saved. Please try again in a moment.");
		}
		finally {
			reset(record);
		}
		Element answer = answerOnPage();
		assertThat(up(answer).attr("aria-pressed")).isEqualTo("false");
		assertThat(up(answer).hasAttr("disabled")).isFalse();
		chat.rate(id, "1").andExpect(status().isOk());
	}

	/** The one rule that is not the policy's alone: a changed rating overwrites the record's. */
	@Nested
	@TestPropertySource(properties = "chat.feedback.mode=changeable")
	class Changeable {

		@Test
		void change() throws Exception {
			chat.rate(id, "1").andExpect(status().isOk());
			Element widget = widget(chat.rate(id, "0").andExpect(status().isOk()));
			assertThat(widget.select("button[aria-pressed=true]").eachAttr("aria-label")).containsExactly("Thumbs down");
			assertThat(widget.select(".rating button[disabled]")).isEmpty();
			assertThat(down(answerOnPage()).attr("aria-pressed")).isEqualTo("true");
			assertThat(record.feedback(UUID.fromString(id))).hasValueSatisfying(stored -> assertThat(stored.rating()).isZero());
		}

		/** Details stay as sent when the rating changes, even to the other sentiment; no second form is offered. */
		@Test
		void detailsStayWhenTheRatingChanges() throws Exception {
			chat.rate(id, "0").andExpect(status().isOk());
			chat.post("/messages/" + id + "/comment", true, "reason", "Too long", "correction", "Shorter.")
				.andExpect(status().isOk());
			Element widget = widget(chat.rate(id, "1").andExpect(status().isOk()));
			for (Element shown : List.of(widget, answerOnPage())) {
				assertThat(up(shown).attr("aria-pressed")).isEqualTo("true");
				assertThat(shown.select(".reasons-sent li").eachText()).containsExactly("Too long");
				assertThat(shown.selectFirst(".correction-text").text()).isEqualTo("Shorter.");
				assertThat(shown.select(".comment-form")).isEmpty();
			}
			assertThat(record.feedback(UUID.fromString(id)).orElseThrow())
				.isEqualTo(new StoredFeedback(UUID.fromString(id), "thumbs", 1, null, List.of("Too long"), "Shorter."));
		}

		/** Before details are sent, the form follows the rating: chips and correction of its sentiment. */
		@Test
		void theFormFollowsTheRating() throws Exception {
			chat.rate(id, "0").andExpect(status().isOk());
			Element widget = widget(chat.rate(id, "1").andExpect(status().isOk()));
			assertThat(widget.select("input[name=reason]").eachAttr("value")).containsExactly("Accurate", "Helpful",
					"Well written");
			assertThat(widget.select("textarea[name=correction]")).isEmpty();
			assertThat(alert(chat.post("/messages/" + id + "/comment", true, "reason", "Too long")
				.andExpect(status().isBadRequest()))).isEqualTo("That reason does not go with your rating.");
		}

	}

	/** Labels of the settings: one with a comma, sent as one reason; an empty list offers no chips. */
	@Nested
	@TestPropertySource(properties = { "chat.feedback.reasons.negative[0]=Wrong, outdated",
			"chat.feedback.reasons.negative[1]=Other", "chat.feedback.reasons.positive=" })
	class ConfiguredReasons {

		@Test
		void aLabelWithACommaIsOneReason() throws Exception {
			chat.rate(id, "0").andExpect(status().isOk());
			chat.post("/messages/" + id + "/comment", false, "reason", "Wrong, outdated")
				.andExpect(redirectedUrl("/#m-" + id));
			assertThat(answerOnPage().select(".reasons-sent li").eachText()).containsExactly("Wrong, outdated");
		}

		@Test
		void anEmptyListOffersNoChips() throws Exception {
			Element form = widget(chat.rate(id, "1").andExpect(status().isOk())).selectFirst("#details-" + id);
			assertThat(form.select("fieldset.reasons, input[name=reason]")).isEmpty();
			assertThat(form.select("textarea[name=comment]")).hasSize(1);
			assertThat(alert(chat.post("/messages/" + id + "/comment", true, "reason", "Helpful")
				.andExpect(status().isBadRequest()))).isEqualTo("Choose reasons from those offered.");
		}

	}

}
