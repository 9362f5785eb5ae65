package dev.feedbackchat.feedback;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import dev.feedbackchat.store.ChatRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class FeedbackControllerTests {

	static Element widget(ResultActions result) throws Exception {
		return Jsoup.parseBodyFragment(result.andReturn().getResponse().getContentAsString()).selectFirst(".feedback");
	}

	static String alert(ResultActions result) throws Exception {
		return Jsoup.parse(result.andReturn().getResponse().getContentAsString()).selectFirst(".alert").text();
	}

	static Element up(Element scope) {
		return scope.selectFirst("button[aria-label='Thumbs up']");
	}

	static Element down(Element scope) {
		return scope.selectFirst("button[aria-label='Thumbs down']");
	}

	abstract static class ModeTests {

		@Autowired
		MockMvc mvc;

		@Autowired
		MockChat chat;

		@Autowired
		ManualResponder responder;

		@MockitoSpyBean
		ChatRecord record;

		@BeforeEach
		void newBrowser() {
			chat.newBrowser();
		}

		String answered(String prompt) throws Exception {
			String id = chat.sendOk(prompt);
			responder.finishAll();
			return id;
		}

		Element answerOnPage(String id) throws Exception {
			return chat.page().selectFirst("#m-" + id);
		}

		ResultActions comment(String id, String text) throws Exception {
			return mvc.perform(post("/messages/{id}/comment", id).session(chat.session())
				.with(csrf())
				.header("HX-Request", "true")
				.param("comment", text));
		}

	}

	@Nested
	@ChatWebTest
	class Locked extends ModeTests {

		@Test
		void ratingUpSavesOneAndReturnsTheLockedWidget() throws Exception {
			String id = answered("hello");
			Element widget = widget(chat.rate(id, "1").andExpect(status().isOk()));
			assertThat(up(widget).attr("aria-pressed")).isEqualTo("true");
			assertThat(down(widget).attr("aria-pressed")).isEqualTo("false");
			assertThat(up(widget).hasAttr("disabled")).isTrue();
			assertThat(down(widget).hasAttr("disabled")).isTrue();
			Element answer = answerOnPage(id);
			assertThat(up(answer).attr("aria-pressed")).isEqualTo("true");
			assertThat(up(answer).hasAttr("disabled")).isTrue();
		}

		@Test
		void ratingDownSavesZero() throws Exception {
			String id = answered("hello");
			Element widget = widget(chat.rate(id, "0").andExpect(status().isOk()));
			assertThat(down(widget).attr("aria-pressed")).isEqualTo("true");
			assertThat(up(widget).attr("aria-pressed")).isEqualTo("false");
		}

		@Test
		void secondRatingIsRefusedWith409AndTheFirstStays() throws Exception {
			String id = answered("hello");
			chat.rate(id, "1").andExpect(status().isOk());
			assertThat(alert(chat.rate(id, "0").andExpect(status().isConflict()).andExpect(header().string("HX-Retarget", "#error"))))
				.isEqualTo("This answer has already been rated.");
			assertThat(up(answerOnPage(id)).attr("aria-pressed")).isEqualTo("true");
		}

		@Test
		void ratingAnUnknownMessageIsNotFound() throws Exception {
			answered("hello");
			assertThat(alert(chat.rate("7b1f6c1e-0000-4000-8000-000000000000", "1").andExpect(status().isNotFound())))
				.isEqualTo("This message is not in your conversation.");
		}

		@Test
		void ratingWithAMalformedIdIsABadRequest() throws Exception {
			chat.rate("not-a-uuid", "1").andExpect(status().isBadRequest());
		}

		@Test
		void ratingAUserMessageIsRefusedWith409() throws Exception {
			answered("hello");
			String userId = chat.page().selectFirst("article.message.user").id().substring(2);
			assertThat(alert(chat.rate(userId, "1").andExpect(status().isConflict()))).isEqualTo("Only answers can be rated.");
		}

		@Test
		void ratingAnAnswerStillStreamingIsRefusedWith409() throws Exception {
			String id = chat.sendOk("hello");
			assertThat(alert(chat.rate(id, "1").andExpect(status().isConflict())))
				.isEqualTo("Wait until the answer is complete before rating it.");
			responder.finishAll();
			assertThat(up(answerOnPage(id)).attr("aria-pressed")).isEqualTo("false");
		}

		@Test
		void ratingValuesOtherThanZeroOrOneAreBadRequests() throws Exception {
			String id = answered("hello");
			for (String value : new String[] { "2", "-1", "abc", "" }) {
				chat.rate(id, value).andExpect(status().isBadRequest());
			}
			mvc.perform(post("/messages/{id}/feedback", id).session(chat.session()).with(csrf()).header("HX-Request", "true"))
				.andExpect(status().isBadRequest());
			assertThat(up(answerOnPage(id)).hasAttr("disabled")).isFalse();
		}

		@Test
		void ratingWithoutCsrfTokenIsForbiddenAndSavesNothing() throws Exception {
			String id = answered("hello");
			mvc.perform(post("/messages/{id}/feedback", id).session(chat.session()).header("HX-Request", "true").param("value", "1"))
				.andExpect(status().isForbidden());
			assertThat(up(answerOnPage(id)).attr("aria-pressed")).isEqualTo("false");
		}

		@Test
		void everyAnswerCanBeRatedOnceInAnyOrder() throws Exception {
			String first = answered("one");
			String second = answered("two");
			chat.rate(first, "0").andExpect(status().isOk());
			chat.rate(second, "1").andExpect(status().isOk());
			Document page = chat.page();
			assertThat(down(page.selectFirst("#m-" + first)).attr("aria-pressed")).isEqualTo("true");
			assertThat(up(page.selectFirst("#m-" + second)).attr("aria-pressed")).isEqualTo("true");
		}

		@Test
		void afterANegativeRatingACommentBoxAsksWhatCouldBeBetter() throws Exception {
			String id = answered("hello");
			Element widget = widget(chat.rate(id, "0").andExpect(status().isOk()));
			assertThat(widget.selectFirst("form.comment-form label").text()).isEqualTo("What could be better?");
			assertThat(widget.selectFirst("form.comment-form textarea").attr("name")).isEqualTo("comment");
		}

		@Test
		void aCommentIsSavedOnceThenShownReadOnlyAndEscaped() throws Exception {
			String id = answered("hello");
			Element rated = widget(chat.rate(id, "1").andExpect(status().isOk()));
			assertThat(rated.selectFirst("form.comment-form label").text()).isEqualTo("Anything to add?");
			String html = comment(id, "Nice <script>alert(1)</script>\r\nsecond line").andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).doesNotContain("<script>");
			Element widget = Jsoup.parseBodyFragment(html).selectFirst(".feedback");
			assertThat(widget.select("form.comment-form")).isEmpty();
			assertThat(widget.selectFirst(".comment-text").wholeText()).isEqualTo("Nice <script>alert(1)</script>\nsecond line");
			assertThat(alert(comment(id, "again").andExpect(status().isConflict()))).isEqualTo("This answer already has a comment.");
			assertThat(answerOnPage(id).selectFirst(".comment-text").wholeText()).startsWith("Nice <script>");
		}

		@Test
		void commentsAreRefusedBeforeARatingWhenBlankOrTooLong() throws Exception {
			String id = answered("hello");
			assertThat(alert(comment(id, "first!").andExpect(status().isConflict()))).isEqualTo("Rate the answer before adding a comment.");
			chat.rate(id, "1").andExpect(status().isOk());
			assertThat(alert(comment(id, "  \n ").andExpect(status().isBadRequest()))).isEqualTo("Write a comment before sending it.");
			assertThat(alert(comment(id, "x".repeat(2001)).andExpect(status().isContentTooLarge())))
				.isEqualTo("Your comment is 2,001 characters long; the limit is 2,000.");
			assertThat(answerOnPage(id).select(".comment-text")).isEmpty();
			comment(id, "x".repeat(2000)).andExpect(status().isOk());
		}

		@Test
		void aRatingThatCannotBeStoredIsReportedAndNotShownAsSaved() throws Exception {
			String id = answered("hello");
			org.mockito.BDDMockito.willThrow(new org.springframework.dao.DataAccessResourceFailureException("database down"))
				.given(record)
				.rateOnce(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
			try {
				assertThat(alert(chat.rate(id, "1").andExpect(status().isServiceUnavailable())))
					.isEqualTo("Your feedback could not be saved. Please try again in a moment.");
			}
			finally {
				org.mockito.Mockito.reset(record);
			}
			Element answer = answerOnPage(id);
			assertThat(up(answer).attr("aria-pressed")).isEqualTo("false");
			assertThat(up(answer).hasAttr("disabled")).isFalse();
			chat.rate(id, "1").andExpect(status().isOk());
		}

		@Test
		void theDatabaseHoldsTheLockEvenWhenTheSessionDoesNotKnowTheRating() throws Exception {
			String id = answered("hello");
			// Another instance (or a lost session write) already stored a rating for this answer.
			org.assertj.core.api.Assertions.assertThat(record.rateOnce(java.util.UUID.fromString(id),
					new dev.feedbackchat.store.Rating(dev.feedbackchat.model.FeedbackScale.THUMBS, 0))).isTrue();
			assertThat(alert(chat.rate(id, "1").andExpect(status().isConflict()))).isEqualTo("This answer has already been rated.");
			assertThat(up(answerOnPage(id)).attr("aria-pressed")).isEqualTo("false");
		}

		@Test
		void withoutJavaScriptARatingPostRedirectsBackToTheAnswer() throws Exception {
			String id = answered("hello");
			mvc.perform(post("/messages/{id}/feedback", id).session(chat.session()).with(csrf()).param("value", "1"))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/#m-" + id));
			assertThat(up(answerOnPage(id)).attr("aria-pressed")).isEqualTo("true");
		}

	}

	@Nested
	@ChatWebTest
	@TestPropertySource(properties = "chat.feedback.mode=changeable")
	class Changeable extends ModeTests {

		@Test
		void aRatingCanBeChangedAndTheButtonsStayEnabled() throws Exception {
			String id = answered("hello");
			chat.rate(id, "1").andExpect(status().isOk());
			Element widget = widget(chat.rate(id, "0").andExpect(status().isOk()));
			assertThat(down(widget).attr("aria-pressed")).isEqualTo("true");
			assertThat(up(widget).attr("aria-pressed")).isEqualTo("false");
			assertThat(up(widget).hasAttr("disabled")).isFalse();
			assertThat(down(answerOnPage(id)).attr("aria-pressed")).isEqualTo("true");
		}

	}

	@Nested
	@ChatWebTest
	@TestPropertySource(properties = "chat.feedback.mode=latest-only")
	class LatestOnly extends ModeTests {

		@Test
		void onlyTheLatestAnswerShowsButtonsAndOlderOnesCannotBeRated() throws Exception {
			String first = answered("one");
			chat.rate(first, "1").andExpect(status().isOk());
			String second = answered("two");
			Document page = chat.page();
			Element older = page.selectFirst("#m-" + first);
			assertThat(older.select("button")).isEmpty();
			assertThat(older.selectFirst(".rated").text()).isEqualTo("Rated: Thumbs up");
			assertThat(up(page.selectFirst("#m-" + second)).hasAttr("disabled")).isFalse();
			String third = answered("three");
			assertThat(chat.page().selectFirst("#m-" + second).select("button, .rated")).isEmpty();
			assertThat(alert(chat.rate(second, "1").andExpect(status().isConflict())))
				.isEqualTo("Only the latest answer can be rated.");
			chat.rate(third, "0").andExpect(status().isOk());
			chat.rate(third, "1").andExpect(status().isConflict());
		}

	}

	@Nested
	@ChatWebTest
	@TestPropertySource(properties = "chat.feedback.scale=stars")
	class Stars extends ModeTests {

		@Test
		void fiveStarsLabelledOneToFiveStoreZeroToFour() throws Exception {
			String id = answered("hello");
			Element answer = answerOnPage(id);
			assertThat(answer.select(".rating button").eachAttr("aria-label"))
				.containsExactly("1 star", "2 stars", "3 stars", "4 stars", "5 stars");
			assertThat(answer.select(".rating button").eachAttr("value")).containsExactly("0", "1", "2", "3", "4");
			Element widget = widget(chat.rate(id, "3").andExpect(status().isOk()));
			assertThat(widget.select("button[aria-pressed=true]").eachAttr("aria-label")).containsExactly("4 stars");
			assertThat(widget.select("button.lit").eachAttr("aria-label")).containsExactly("1 star", "2 stars", "3 stars", "4 stars");
			assertThat(widget.select("button[disabled]")).hasSize(5);
			assertThat(widget.selectFirst("form.comment-form label").text()).isEqualTo("Anything to add?");
			chat.rate(answered("again"), "5").andExpect(status().isBadRequest());
		}

	}

	@Nested
	@ChatWebTest
	@TestPropertySource(properties = "chat.feedback.scale=faces")
	class Faces extends ModeTests {

		@Test
		void fiveFacesFromVeryUnhappyToVeryHappy() throws Exception {
			String id = answered("hello");
			assertThat(answerOnPage(id).select(".rating button").eachAttr("aria-label"))
				.containsExactly("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy");
			Element widget = widget(chat.rate(id, "1").andExpect(status().isOk()));
			assertThat(widget.select("button[aria-pressed=true]").eachAttr("aria-label")).containsExactly("Unhappy");
			assertThat(widget.selectFirst("form.comment-form label").text()).isEqualTo("What could be better?");
		}

	}

}
