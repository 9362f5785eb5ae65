package dev.feedbackchat.arena.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.BattleState;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.responder.Responders;
import io.micrometer.core.instrument.MeterRegistry;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Battles over real HTTP with the two demo contenders: the streams, the vote, the reveal, and the rule that nothing
 * names a contender before the vote: not the HTML, not its URLs, not the SSE events.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.arena.enabled=true", "chat.echo.delay=2ms" })
public class ArenaIntegrationTests {

	static final List<String> NAMES = List.of("Demo echo", "Demo reverse");

	static final Pattern STREAM_URL = Pattern.compile("^/arena/([0-9a-f-]{36})/([ab])/stream\\?from=\\d+$");

	@LocalServerPort
	int port;

	@Autowired
	ArenaRecord record;

	@Autowired
	MeterRegistry meters;

	HttpChat chat;

	@BeforeEach
	void openSession() throws Exception {
		chat = new HttpChat(port);
		chat.page();
	}

	@Test
	void aWholeBattleRevealsTheContendersOnlyAfterTheVote() throws Exception {
		double battlesBefore = meters.counter("chat.arena.battles").count();
		double votesBefore = meters.counter("chat.arena.votes", "outcome", "a").count();

		// About a second to type at 2 ms a character: the streams are read while the answers are generated.
		String prompt = "Which is better? " + "y".repeat(500);
		HttpResponse<String> started = chat.post("/arena/battles", Map.of("prompt", prompt));
		assertThat(started.statusCode()).isEqualTo(200);
		assertNamesHidden(started.body());
		Document battle = Jsoup.parseBodyFragment(started.body());
		List<String> urls = battle.select("article.side[sse-connect]").eachAttr("sse-connect");
		assertThat(urls).hasSize(2);
		UUID id = null;
		for (String url : urls) {
			Matcher matcher = STREAM_URL.matcher(url);
			assertThat(matcher.matches()).as(url).isTrue();
			id = UUID.fromString(matcher.group(1));
		}
		assertThat(battle.selectFirst("#composer-fields").hasAttr("disabled")).isTrue();
		assertNamesHidden(chat.get("/arena").body());

		// Both open while the answers are generated, as the page's two EventSources are.
		List<SseEvent> a;
		List<SseEvent> b;
		try (HttpChat.EventStream streamA = chat.streamAt("/arena/" + id + "/a/stream?from=0", null);
				HttpChat.EventStream streamB = chat.streamAt("/arena/" + id + "/b/stream?from=0", null)) {
			a = streamA.rest();
			b = streamB.rest();
		}
		for (SseEvent event : concat(a, b)) {
			assertNamesHidden(event.data());
		}
		assertThat(List.of(HttpChat.text(a), HttpChat.text(b))).containsExactlyInAnyOrder(
				EchoResponder.answerTo(prompt), Responders.reversedAnswerTo(prompt));
		assertThat(a).filteredOn(event -> event.name().equals("chunk")).isNotEmpty();
		// The side that ended last brings the vote; both ends replace their side.
		Element closingA = HttpChat.closing(a);
		Element closingB = HttpChat.closing(b);
		assertThat(closingA.selectFirst("#side-a")).isNotNull();
		assertThat(closingB.selectFirst("#side-b")).isNotNull();
		List<Element> votes = new ArrayList<>(closingA.select("#arena-vote .vote-button"));
		votes.addAll(closingB.select("#arena-vote .vote-button"));
		assertThat(votes).extracting(Element::text).contains("A is better", "B is better", "Tie", "Both are bad");
		assertThat(votes).noneMatch(button -> button.hasAttr("disabled"));

		Document page = Jsoup.parse(chat.get("/arena").body());
		assertNamesHidden(page.outerHtml());
		assertThat(page.select("#arena-vote .vote-button:not([disabled])")).hasSize(4);

		HttpResponse<String> voted = chat.post("/arena/" + id + "/vote", Map.of("outcome", "a"));
		assertThat(voted.statusCode()).isEqualTo(200);
		Document after = Jsoup.parseBodyFragment(voted.body());
		String nameA = HttpChat.text(a).equals(EchoResponder.answerTo(prompt)) ? "Demo echo" : "Demo reverse";
		String nameB = nameA.equals("Demo echo") ? "Demo reverse" : "Demo echo";
		assertThat(after.selectFirst("#side-a .contender strong").text()).isEqualTo(nameA);
		assertThat(after.selectFirst("#side-b .contender strong").text()).isEqualTo(nameB);
		assertThat(after.selectFirst("#side-a").hasClass("winner")).isTrue();
		assertThat(after.select(".vote-button[aria-pressed=true]")).extracting(Element::text).containsExactly("A is better");
		assertThat(after.select(".vote-button")).allMatch(button -> button.hasAttr("disabled"));

		HttpResponse<String> again = chat.post("/arena/" + id + "/vote", Map.of("outcome", "b"));
		assertThat(again.statusCode()).isEqualTo(409);
		Document refused = Jsoup.parseBodyFragment(again.body());
		assertThat(refused.select(".vote-button[aria-pressed=true]")).extracting(Element::text).containsExactly("A is better");
		assertThat(refused.selectFirst("#error .alert").text()).contains("already has a vote");

		BattleState recorded = record.battle(id).orElseThrow();
		assertThat(recorded.a().status()).isEqualTo(AnswerStatus.COMPLETE);
		assertThat(recorded.a().text()).isEqualTo(HttpChat.text(a));
		assertThat(recorded.contenderA()).isEqualTo(nameA);
		assertThat(recorded.vote()).isNotNull();
		assertThat(meters.counter("chat.arena.battles").count()).isEqualTo(battlesBefore + 1);
		assertThat(meters.counter("chat.arena.votes", "outcome", "a").count()).isEqualTo(votesBefore + 1);

		Document leaderboard = Jsoup.parse(chat.get("/arena/leaderboard").body());
		assertThat(leaderboard.select("#standings .name").eachText()).containsExactlyInAnyOrder(nameA, nameB);
	}

	@Test
	void whileAnswersStreamThereIsNoVoteAndNoNewBattleStopEndsThemAndTheyCanBeVotedOn() throws Exception {
		// 2 ms a character: this answer takes seconds.
		String prompt = "x".repeat(3000);
		Document battle = Jsoup.parseBodyFragment(chat.post("/arena/battles", Map.of("prompt", prompt)).body());
		String id = battleId(battle);

		assertThat(chat.post("/arena/battles", Map.of("prompt", "another")).statusCode()).isEqualTo(409);
		HttpResponse<String> early = chat.post("/arena/" + id + "/vote", Map.of("outcome", "tie"));
		assertThat(early.statusCode()).isEqualTo(409);
		assertThat(Jsoup.parse(early.body()).text()).contains("wait until both answers are complete");
		Document page = Jsoup.parse(chat.get("/arena").body());
		assertThat(page.select(".vote-button")).isEmpty();
		assertThat(page.selectFirst("#arena-vote").text()).contains("when both answers are complete");
		assertThat(page.select("noscript meta[http-equiv=refresh]")).hasSize(1);

		for (String side : List.of("a", "b")) {
			assertThat(chat.post("/arena/" + id + "/" + side + "/stop", Map.of()).statusCode()).isEqualTo(204);
		}
		Element closing = HttpChat.closing(chat.readAllAt("/arena/" + id + "/b/stream"));
		assertThat(closing.selectFirst("#side-b .note").text()).isEqualTo("Stopped");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Jsoup.parse(chat.get("/arena").body()).select(".vote-button:not([disabled])").size() == 4);
		assertThat(chat.post("/arena/" + id + "/a/stop", Map.of()).statusCode()).isEqualTo(409);
		assertThat(chat.post("/arena/" + id + "/vote", Map.of("outcome", "tie")).statusCode()).isEqualTo(200);
		assertThat(record.battle(UUID.fromString(id)).orElseThrow().b().status()).isEqualTo(AnswerStatus.STOPPED);
	}

	@Test
	void anotherSessionCannotStreamStopOrVoteOnABattle() throws Exception {
		String id = battleId(Jsoup.parseBodyFragment(chat.post("/arena/battles", Map.of("prompt", "mine")).body()));
		HttpChat other = new HttpChat(port);
		other.page();
		assertThat(other.get("/arena/" + id + "/a/stream").statusCode()).isEqualTo(404);
		assertThat(other.post("/arena/" + id + "/a/stop", Map.of()).statusCode()).isEqualTo(404);
		assertThat(other.post("/arena/" + id + "/vote", Map.of("outcome", "a")).statusCode()).isEqualTo(404);
		assertThat(Jsoup.parse(other.get("/arena").body()).select("article.side")).isEmpty();
	}

	@Test
	void badInputIsRefusedWithAMessage() throws Exception {
		HttpResponse<String> blank = chat.post("/arena/battles", Map.of("prompt", "  \u200b "));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(blank.body()).text()).contains("Type a message");
		String id = battleId(Jsoup.parseBodyFragment(chat.post("/arena/battles", Map.of("prompt", "hi")).body()));
		chat.readAllAt("/arena/" + id + "/a/stream");
		chat.readAllAt("/arena/" + id + "/b/stream");
		HttpResponse<String> unknown = chat.post("/arena/" + id + "/vote", Map.of("outcome", "model_a"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(unknown.body()).text()).contains("Choose");
		assertThat(chat.post("/arena/" + id + "/c/stop", Map.of()).statusCode()).isEqualTo(404);
		assertThat(chat.post("/arena/not-a-uuid/vote", Map.of("outcome", "a")).statusCode()).isEqualTo(400);
		assertThat(record.battle(UUID.fromString(id)).orElseThrow().vote()).isNull();
	}

	@Test
	void withoutJavaScriptABattleIsFormsAndRefreshes() throws Exception {
		Document page = Jsoup.parse(chat.get("/arena").body());
		HttpResponse<String> sent = chat.press(page, page.selectFirst("#composer button.send"), Map.of("prompt", "plain"));
		assertThat(sent.statusCode()).isEqualTo(302);
		assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/arena"));
		Document voting = await().atMost(Duration.ofSeconds(10))
			.until(() -> Jsoup.parse(chat.get("/arena").body()), p -> p.select(".vote-button").size() == 4);
		assertNamesHidden(voting.outerHtml());
		Element bothBad = voting.select(".vote-button").stream().filter(b -> b.val().equals("bothbad")).findFirst().orElseThrow();
		HttpResponse<String> voted = chat.press(voting, bothBad, Map.of());
		assertThat(voted.statusCode()).isEqualTo(302);
		Document after = Jsoup.parse(chat.get("/arena").body());
		assertThat(after.select(".contender strong").eachText()).containsExactlyInAnyOrderElementsOf(NAMES);
		assertThat(after.select(".vote-button[aria-pressed=true]").eachText()).containsExactly("Both are bad");
		Element again = after.select(".vote-button").first();
		assertThat(chat.press(after, again, Map.of()).statusCode()).isEqualTo(409);
	}

	@Test
	void theChatLinksToTheArena() throws Exception {
		Document chatPage = chat.page();
		assertThat(chatPage.select("header a[href=/arena]").eachText()).containsExactly("Arena");
	}

	/** The id of the battle in this HTML, from a side's stream URL. */
	public static String battleId(Document battle) {
		Matcher matcher = STREAM_URL.matcher(battle.selectFirst("article.side[sse-connect]").attr("sse-connect"));
		assertThat(matcher.matches()).isTrue();
		return matcher.group(1);
	}

	static void assertNamesHidden(String text) {
		for (String name : NAMES) {
			assertThat(text).doesNotContainIgnoringCase(name).doesNotContainIgnoringCase(name.replace(' ', '-'));
		}
		assertThat(text).doesNotContainIgnoringCase("reverse").doesNotContain("contender");
	}

	static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}
}
