package dev.feedbackchat.arena.web;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.BattleState;
import dev.feedbackchat.arena.Side;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FailureMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Configured contenders, one of them a model server that is down: its answer fails, shows why, and the battle
 * cannot be voted on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.arena.enabled=true", "chat.echo.delay=1ms" })
class ArenaFailedAnswerIntegrationTests {

	@DynamicPropertySource
	static void offlineServer(DynamicPropertyRegistry registry) throws Exception {
		int port;
		// A port nothing listens on once this socket is closed: connections are refused at once.
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// A list binds from one property source: all of it here.
		registry.add("chat.arena.contenders[0].name", () -> "Echo");
		registry.add("chat.arena.contenders[1].name", () -> "Offline model");
		registry.add("chat.arena.contenders[1].responder", () -> "openai");
		registry.add("chat.arena.contenders[1].model", () -> "none");
		registry.add("chat.arena.contenders[1].base-url", () -> "http://127.0.0.1:" + port + "/v1");
	}

	@LocalServerPort
	int port;

	@Autowired
	ArenaRecord record;

	@Autowired
	MessageSource messages;

	@Test
	void aBattleWithAFailedAnswerShowsWhyAndCannotBeVotedOn() throws Exception {
		HttpChat chat = new HttpChat(port);
		chat.page();
		String id = ArenaIntegrationTests.battleId(
				Jsoup.parseBodyFragment(chat.post("/arena/battles", Map.of("prompt", "hello")).body()));
		chat.readAllAt("/arena/" + id + "/a/stream");
		chat.readAllAt("/arena/" + id + "/b/stream");
		BattleState battle = await().atMost(Duration.ofSeconds(20))
			.until(() -> record.battle(UUID.fromString(id)).orElseThrow(), BattleState::finished);
		Side failed = battle.contenderA().equals("Offline model") ? Side.A : Side.B;
		assertThat(battle.answer(failed).status()).isEqualTo(AnswerStatus.FAILED);
		assertThat(battle.answer(failed).error()).isNotBlank();
		assertThat(battle.answer(failed.other()).status()).isEqualTo(AnswerStatus.COMPLETE);

		Document page = Jsoup.parse(chat.get("/arena").body());
		// Stored as a code and its arguments, shown in the page's language.
		assertThat(page.selectFirst("#side-" + failed.id() + " .alert").text())
			.isEqualTo(messages.getMessage(FailureMessage.parse(battle.answer(failed).error()), Locale.ENGLISH))
			.startsWith("Could not connect to the model server at http://");
		assertThat(page.select(".vote-button")).isEmpty();
		assertThat(page.selectFirst("#arena-vote").text()).contains("cannot be voted on");
		assertThat(page.outerHtml()).doesNotContain("Offline model").doesNotContain("Echo<");

		HttpResponse<String> vote = chat.post("/arena/" + id + "/vote", Map.of("outcome", failed.other().id()));
		assertThat(vote.statusCode()).isEqualTo(409);
		assertThat(Jsoup.parse(vote.body()).text()).contains("cannot be voted on");
		assertThat(record.battle(UUID.fromString(id)).orElseThrow().vote()).isNull();
		// A new prompt starts a new battle.
		assertThat(chat.post("/arena/battles", Map.of("prompt", "again")).statusCode()).isEqualTo(200);
	}
}
