package dev.feedbackchat.cluster;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.arena.web.ArenaIntegrationTests;
import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.responder.Responders;
import dev.feedbackchat.store.EmbeddedPostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arena on two instances sharing one PostgreSQL, without sticky sessions: a battle started through one is
 * shown, streamed and voted on through the other, and both agree with the record.
 */
class ArenaClusterIntegrationTests {

	static EmbeddedPostgres postgres;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startInstances() {
		postgres = EmbeddedPostgresServer.start();
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopInstances() throws java.io.IOException {
		first.close();
		second.close();
		postgres.close();
	}

	static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(FeedbackChatApplication.class).run(Stream.concat(Stream.of("--server.port=0"),
				Stream.of(ClusterIntegrationTests.shared(postgres, "--chat.arena.enabled=true", "--chat.echo.delay=5ms")))
			.toArray(String[]::new));
	}

	@Test
	void aBattleStartedOnOneInstanceStreamsAndIsVotedOnThroughTheOther() throws Exception {
		HttpChat viaFirst = new HttpChat(ClusterIntegrationTests.port(first));
		viaFirst.page();
		HttpChat viaSecond = viaFirst.via(ClusterIntegrationTests.port(second));
		// About 1.5 s to type at 5 ms a character: the other instance sees it while it is generated.
		String prompt = "Across instances " + "z".repeat(280);
		Document started = Jsoup.parseBodyFragment(viaFirst.post("/arena/battles", Map.of("prompt", prompt)).body());
		String id = ArenaIntegrationTests.battleId(started);

		Document page = Jsoup.parse(viaSecond.get("/arena").body());
		assertThat(page.select("article.side[sse-connect]")).as("both still streaming").hasSize(2);
		assertThat(page.select(".vote-button")).isEmpty();
		assertThat(viaSecond.post("/arena/battles", Map.of("prompt", "too soon")).statusCode()).isEqualTo(409);

		List<SseEvent> a;
		List<SseEvent> b;
		try (HttpChat.EventStream streamA = viaSecond.streamAt("/arena/" + id + "/a/stream", null);
				HttpChat.EventStream streamB = viaSecond.streamAt("/arena/" + id + "/b/stream", null)) {
			a = streamA.rest();
			b = streamB.rest();
		}
		assertThat(List.of(HttpChat.text(a), HttpChat.text(b)))
			.containsExactlyInAnyOrder(EchoResponder.answerTo(prompt), Responders.reversedAnswerTo(prompt));
		Element closingA = HttpChat.closing(a);
		Element closingB = HttpChat.closing(b);
		// The side that this instance saw end last brings the vote (both may, when both had ended by then).
		List<String> votes = new java.util.ArrayList<>(closingA.select(".vote-button").eachText());
		votes.addAll(closingB.select(".vote-button").eachText());
		assertThat(votes).contains("A is better", "B is better", "Tie", "Both are bad");
		assertThat(closingA.selectFirst("#side-a")).isNotNull();
		assertThat(closingB.selectFirst("#side-b")).isNotNull();

		Document voted = Jsoup.parseBodyFragment(viaSecond.post("/arena/" + id + "/vote", Map.of("outcome", "b")).body());
		assertThat(voted.select(".contender strong").eachText()).containsExactlyInAnyOrder("Demo echo", "Demo reverse");
		assertThat(viaFirst.post("/arena/" + id + "/vote", Map.of("outcome", "a")).statusCode()).isEqualTo(409);
		Document onFirst = Jsoup.parse(viaFirst.get("/arena").body());
		assertThat(onFirst.select(".vote-button[aria-pressed=true]").eachText()).containsExactly("B is better");

		for (HttpChat via : List.of(viaFirst, viaSecond)) {
			Document leaderboard = Jsoup.parse(via.get("/arena/leaderboard").body());
			assertThat(leaderboard.selectFirst("#votes").text()).isEqualTo("1");
		}
	}
}
