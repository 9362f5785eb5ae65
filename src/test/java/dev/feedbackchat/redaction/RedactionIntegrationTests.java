package dev.feedbackchat.redaction;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.HttpChat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * chat.privacy.redact over real HTTP: the person sees what they typed while they chat, the database and the exports
 * built from it hold placeholders.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.privacy.redact=true", "chat.echo.delay=1ms", "chat.arena.enabled=true" })
class RedactionIntegrationTests {

	static final String EMAIL = "alice.redact@example.com";

	static final String PHONE = "+44 20 7946 0958";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theChatShowsWhatWasTypedAndTheRecordAndExportsHoldPlaceholders() throws Exception {
		HttpChat chat = new HttpChat(port);
		String prompt = "Please write to " + EMAIL + " or call " + PHONE;
		String answerId = chat.send(prompt);
		Element finished = chat.finish(answerId);
		// The echo answers with the prompt: the live answer is as generated.
		assertThat(finished.text()).contains(EMAIL).contains(PHONE).doesNotContain("[EMAIL]");

		assertThat(chat.rate(answerId, 0).statusCode()).isEqualTo(200);
		HttpResponse<String> details = chat.post("/messages/" + answerId + "/comment",
				Map.of("comment", "Mail bob.redact@example.org", "correction", "Card 4111 1111 1111 1111"));
		assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
		assertThat(Jsoup.parseBodyFragment(details.body()).text()).contains("bob.redact@example.org");

		Document page = chat.page();
		assertThat(page.selectFirst("article.message.user").text()).contains(EMAIL).contains(PHONE);
		assertThat(page.selectFirst("article.message.assistant").text()).contains(EMAIL);
		assertThat(page.html()).contains("bob.redact@example.org").contains("4111 1111 1111 1111");

		UUID id = UUID.fromString(answerId);
		String storedPrompt = jdbc.sql("select p.content from message p join message a on a.prompt_id = p.id "
				+ "where a.id = :id").param("id", id).query(String.class).single();
		assertThat(storedPrompt).isEqualTo("Please write to [EMAIL] or call [PHONE]");
		assertThat(jdbc.sql("select content from message where id = :id").param("id", id).query(String.class).single())
			.contains("Please write to [EMAIL] or call [PHONE]")
			.doesNotContain(EMAIL);
		assertThat(jdbc.sql("select comment || ' | ' || correction from feedback where message_id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo("Mail [EMAIL] | Card [CARD]");

		HttpChat admin = new HttpChat(port);
		admin.signIn("admin", "test-admin-password");
		for (String export : List.of("/admin/export.csv", "/admin/export.jsonl")) {
			HttpResponse<String> response = admin.get(export);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).as(export)
				.contains("Please write to [EMAIL] or call [PHONE]")
				.contains("Mail [EMAIL]")
				.contains("Card [CARD]")
				.doesNotContain("redact@example")
				.doesNotContain("7946");
		}
	}

	@Test
	void theArenaShowsTheAnswersAsGeneratedAndStoresThemRedacted() throws Exception {
		HttpChat chat = new HttpChat(port);
		chat.page();
		HttpResponse<String> started = chat.post("/arena/battles", Map.of("prompt", "Reach me at " + EMAIL));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		Document battle = Jsoup.parseBodyFragment(started.body());
		String url = battle.selectFirst("article.side[sse-connect]").attr("sse-connect");
		String battleId = url.split("/")[2];
		StringBuilder closings = new StringBuilder();
		for (String side : List.of("a", "b")) {
			closings.append(HttpChat.closing(chat.readAllAt("/arena/" + battleId + "/" + side + "/stream?from=0")).text());
		}
		// "Demo echo" repeats the prompt; "Demo reverse" writes it backwards.
		assertThat(closings.toString()).contains(EMAIL).doesNotContain("[EMAIL]");

		Map<String, Object> stored = jdbc.sql("select prompt, answer_a, answer_b from arena_battle where id = :id")
			.param("id", UUID.fromString(battleId))
			.query()
			.singleRow();
		assertThat(stored.get("prompt")).isEqualTo("Reach me at [EMAIL]");
		assertThat(stored.get("answer_a") + " " + stored.get("answer_b")).contains("[EMAIL]").doesNotContain(EMAIL);
	}

}
