package dev.feedbackchat.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import dev.feedbackchat.model.ConversationDeleted;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import static dev.feedbackchat.MockChat.alert;
import static dev.feedbackchat.MockChat.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** "Delete this conversation" in the chat: the confirm step with and without htmx, and what it deletes. */
@ChatWebTest
@RecordApplicationEvents
class DeleteConversationTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEvents events;

	@BeforeEach
	void newBrowser() {
		chat.newBrowser();
	}

	@Test
	void headerLinkLeadsToAConfirmPageThatWorksWithoutJavaScript() throws Exception {
		Element link = chat.page().selectFirst("#chat-actions a#delete-chat");
		assertThat(link.attr("href")).isEqualTo("/conversation/delete");
		assertThat(link.attr("hx-get")).isEqualTo("/conversation/delete");
		Document confirm = Jsoup.parse(body(chat.perform(get("/conversation/delete")).andExpect(status().isOk())));
		Element form = confirm.selectFirst("form#delete-conversation");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/conversation/delete");
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(form.select("button[type=submit]").text()).isEqualTo("Delete");
		assertThat(form.selectFirst("a:containsOwn(Cancel)").attr("href")).isEqualTo("/");
		// Only the page's own form (and the language and theme form): the htmx fragments are not in it.
		assertThat(confirm.select("form:not(#preferences)")).hasSize(1);
		assertThat(confirm.select("script:not([src]), [style], [^on]")).isEmpty();
	}

	@Test
	void withHtmxTheQuestionReplacesTheLinkAndCancelBringsItBack() throws Exception {
		Document confirm = Jsoup.parse(body(chat.perform(get("/conversation/delete").header("HX-Request", "true"))
			.andExpect(status().isOk())));
		Element form = confirm.selectFirst("form#delete-chat");
		assertThat(form.attr("action")).isEqualTo("/conversation/delete");
		assertThat(form.hasAttr("hx-post")).as("a plain post: the whole page changes").isFalse();
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		Element cancel = form.selectFirst("a:containsOwn(Cancel)");
		assertThat(cancel.attr("href")).isEqualTo("/");
		assertThat(cancel.attr("hx-get")).isEqualTo("/conversation/delete?cancel=true");
		Document link = Jsoup.parse(body(chat.perform(get(cancel.attr("hx-get")).header("HX-Request", "true"))
			.andExpect(status().isOk())));
		assertThat(link.selectFirst("a#delete-chat").attr("href")).isEqualTo("/conversation/delete");
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void deletesTheConversationFromTheRecordAndTheSessionAndShowsTheEmptyChat(boolean htmx) throws Exception {
		String first = chat.sendOk("first");
		responder.finishAll();
		chat.rate(first, "1").andExpect(status().isOk());
		chat.sendOk("second");
		responder.finishAll();
		UUID conversation = jdbc.queryForObject("select conversation_id from message where id = ?", UUID.class,
				UUID.fromString(first));
		// Another conversation, of another browser, stays.
		MockChat other = new MockChat(mvc);
		String kept = other.sendOk("someone else's");
		responder.finishAll();
		int feedbackBefore = jdbc.queryForObject("select count(*) from feedback", Integer.class);

		chat.post("/conversation/delete", htmx).andExpect(status().isFound()).andExpect(redirectedUrl("/"));

		assertThat(jdbc.queryForObject("select count(*) from conversation where id = ?", Integer.class, conversation))
			.isZero();
		assertThat(jdbc.queryForObject("select count(*) from message where conversation_id = ?", Integer.class,
				conversation)).isZero();
		assertThat(jdbc.queryForObject("select count(*) from feedback", Integer.class)).isEqualTo(feedbackBefore - 1);
		assertThat(jdbc.queryForObject("select count(*) from message where id = ?", Integer.class, UUID.fromString(kept)))
			.isOne();
		assertThat(chat.page().select("article.message")).isEmpty();
		assertThat(events.stream(ConversationDeleted.class)).singleElement().satisfies(event -> {
			assertThat(event.conversationId()).isEqualTo(conversation);
			assertThat(event.by()).isEqualTo("user");
		});
		List<Map<String, Object>> audit = jdbc.queryForList(
				"select action, actor, address, detail from audit_event where detail like ?", "%" + conversation + "%");
		assertThat(audit).singleElement().satisfies(entry -> {
			assertThat(entry.get("action")).isEqualTo("delete");
			assertThat(entry.get("actor")).isEqualTo("user");
			assertThat(entry.get("address")).as("no personal data kept for it").isNull();
			assertThat((String) entry.get("detail")).contains(conversation.toString(), "1 conversation(s), 4 message(s), "
					+ "1 rating(s)");
		});
		// The next prompt starts a new conversation.
		String afresh = chat.sendOk("afresh");
		responder.finishAll();
		assertThat(jdbc.queryForObject("select conversation_id from message where id = ?", UUID.class,
				UUID.fromString(afresh))).isNotEqualTo(conversation);
	}

	@Test
	void refusedWhileAnAnswerIsBeingWritten() throws Exception {
		chat.sendOk("still writing");
		String message = alert(chat.post("/conversation/delete", true).andExpect(status().isConflict()));
		assertThat(message).contains("stop it or wait for it");
		responder.finishAll();
		assertThat(chat.page().select("article.message")).hasSize(2);
		assertThat(events.stream(ConversationDeleted.class)).isEmpty();
		chat.post("/conversation/delete", false).andExpect(status().isFound());
		assertThat(chat.page().select("article.message")).isEmpty();
	}

	@Test
	void anEmptyConversationIsJustANewChat() throws Exception {
		chat.post("/conversation/delete", false).andExpect(status().isFound()).andExpect(redirectedUrl("/"));
		assertThat(events.stream(ConversationDeleted.class)).isEmpty();
	}

	@Test
	void needsTheCsrfToken() throws Exception {
		chat.sendOk("kept");
		responder.finishAll();
		chat.perform(post("/conversation/delete")).andExpect(status().isForbidden());
		assertThat(chat.page().select("article.message")).hasSize(2);
	}

}
