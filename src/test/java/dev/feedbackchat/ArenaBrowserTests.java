package dev.feedbackchat;

import static dev.feedbackchat.Browser.NO_JAVASCRIPT;
import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.TIMEOUT;
import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.send;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.feedbackchat.arena.ArenaLeaderboard;
import dev.feedbackchat.arena.ArenaProperties;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Leaderboard;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.Standing;
import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.responder.Responders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole arena battle in a real (headless) Chromium, with and without JavaScript, against the two demo contenders:
 * both answers streaming side by side, nothing naming a contender before the vote, the vote, the reveal, and the
 * leaderboard counting it. Saves target/arena.png and (with simulated votes, in a context of its own)
 * target/arena-leaderboard.png, of which docs/ has copies, and both at 360 px wide (*-360.png).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.arena.enabled=true")
@ExtendWith(Chromium.class)
class ArenaBrowserTests {

	private static final List<String> NAMES = ArenaProperties.DEMO_CONTENDERS;

	/** A stream's URL: the battle's random id and the side, nothing else. */
	private static final Pattern STREAM_URL = Pattern.compile("^/arena/([0-9a-f-]{36})/([ab])/stream\\?from=0$");

	/** Every URL-bearing attribute of the page, for the hidden-name rule. */
	private static final String URLS = "return Array.from(document.querySelectorAll('*')).flatMap(e =>"
			+ " ['href', 'src', 'action', 'formaction', 'hx-get', 'hx-post', 'sse-connect']"
			+ ".map(a => e.getAttribute(a)).filter(v => v !== null));";

	/** Per side: [its sse-connect or null, its answer's text or null, whether it has a Stop button]. */
	private static final String SIDES = "return ['a', 'b'].map(s => { const e = document.getElementById('side-' + s);"
			+ " if (!e) return [null, null, false]; const c = e.querySelector('.content');"
			+ " return [e.getAttribute('sse-connect'), c ? c.textContent : null, !!e.querySelector('.stop-button')]; });";

	@LocalServerPort
	private int port;

	@Autowired
	private ArenaLeaderboard leaderboard;

	@Test
	void bothAnswersStreamSideBySideNamelessUntilTheVoteThenTheNamesAndTheLeaderboardShowIt(WebDriver driver)
			throws IOException {
		// The other test of this context votes a tie between the same two: counts are compared with before.
		Leaderboard before = leaderboard.current();
		openArena(driver, port);
		Browser.requests(driver);
		// About 70 characters each, one per 20 ms (chat.echo.delay): both are seen partway.
		String prompt = "Which of you two answers this one better?";
		String echo = EchoResponder.answerTo(prompt);
		String reversed = Responders.reversedAnswerTo(prompt);

		send(driver, prompt);

		// Both sides grow at once: at some poll each is connected to its stream with part of its answer.
		Map<String, String> partial = new HashMap<>();
		Map<String, String> streams = new HashMap<>();
		pollFast().until(() -> {
			List<?> sides = (List<?>) js(driver).executeScript(SIDES);
			for (int i = 0; i < 2; i++) {
				List<?> side = (List<?>) sides.get(i);
				String url = (String) side.get(0);
				String text = (String) side.get(1);
				if (url != null && text != null && !text.isEmpty() && text.length() < echo.length()) {
					assertThat(side.get(2)).as("a streaming side has its Stop button").isEqualTo(true);
					partial.put(i == 0 ? "a" : "b", text);
					streams.put(i == 0 ? "a" : "b", url);
				}
			}
			return partial.size() == 2;
		});
		assertThat(isDisabled(driver, PROMPT)).as("the prompt box waits while the answers stream").isTrue();
		assertNamesHidden(driver);

		// Then each has its whole answer, one the echo, the other the echo reversed, grown from what was seen.
		waitFor(driver).until(d -> finished(d, echo.length()));
		String a = text(driver, "#side-a .content");
		String b = text(driver, "#side-b .content");
		assertThat(List.of(a, b)).containsExactlyInAnyOrder(echo, reversed);
		assertThat(a).startsWith(partial.get("a"));
		assertThat(b).startsWith(partial.get("b"));

		// The EventSources' URLs: the battle's random id and the side.
		UUID battle = null;
		for (String side : List.of("a", "b")) {
			Matcher matcher = STREAM_URL.matcher(streams.get(side));
			assertThat(matcher.matches()).as(streams.get(side)).isTrue();
			assertThat(matcher.group(2)).isEqualTo(side);
			UUID id = UUID.fromString(matcher.group(1));
			assertThat(battle == null || battle.equals(id)).as("both sides of one battle").isTrue();
			battle = id;
		}

		// The vote opens once both have finished; the prompt box is back; still no name anywhere.
		By votes = By.cssSelector("#arena-vote .vote-button");
		waitFor(driver).until(d -> d.findElements(votes).size() == 4
				&& d.findElements(votes).stream().allMatch(WebElement::isEnabled));
		assertThat(driver.findElements(votes)).extracting(WebElement::getText)
			.containsExactly("A is better", "B is better", "Tie", "Both are bad");
		assertThat(driver.findElements(votes)).extracting(button -> button.getDomAttribute("aria-pressed"))
			.containsOnly("false");
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		assertNamesHidden(driver);

		voteButton(driver, "A is better").click();

		String nameA = a.equals(echo) ? NAMES.get(0) : NAMES.get(1);
		String nameB = a.equals(echo) ? NAMES.get(1) : NAMES.get(0);
		waitFor(driver).until(d -> nameA.equals(text(d, "#side-a .contender strong")));
		assertThat(text(driver, "#side-b .contender strong")).isEqualTo(nameB);
		assertThat(text(driver, "#side-a .contender .badge")).isEqualTo("your choice");
		assertThat(driver.findElements(By.cssSelector("#side-b .badge"))).isEmpty();
		assertThat(driver.findElements(votes)).extracting(button -> button.getDomAttribute("aria-pressed"))
			.containsExactly("true", "false", "false", "false");
		assertThat(driver.findElements(votes)).noneMatch(WebElement::isEnabled);
		assertThat(driver.findElement(By.id("side-a")).getDomAttribute("class")).contains("winner");
		assertThat(driver.findElement(By.id("side-b")).getDomAttribute("class")).doesNotContain("winner");
		assertThat(text(driver, "#side-a .content")).isEqualTo(a);
		assertThat(driver.findElements(By.cssSelector("#error .alert"))).isEmpty();
		String id = battle.toString();
		List<String> requests = Browser.requests(driver);
		assertThat(requests).filteredOn(request -> request.contains("/arena"))
			.containsExactlyInAnyOrder("POST /arena/battles", "GET /arena/" + id + "/a/stream?from=0",
					"GET /arena/" + id + "/b/stream?from=0", "POST /arena/" + id + "/vote");
		assertThat(requests).noneMatch(request -> request.toLowerCase().contains("demo"));

		// docs/arena.png: at 1280 px the two sit side by side; no hover or focus ring.
		new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".topbar h1"))).perform();
		js(driver).executeScript("document.activeElement.blur();");
		Map<String, Long> sideA = box(driver, "#side-a");
		Map<String, Long> sideB = box(driver, "#side-b");
		assertThat(sideA.get("top")).as("side by side").isEqualTo(sideB.get("top"));
		assertThat(sideA.get("right")).isLessThan(sideB.get("left"));
		saveScreenshot(driver, Path.of("target", "arena.png"));
		// On a phone they stack.
		resize(driver, 360);
		assertThat(box(driver, "#side-b").get("top")).as("stacked").isGreaterThanOrEqualTo(box(driver, "#side-a").get("bottom"));
		assertThat(box(driver, "#battle").get("right")).as("no sideways scrolling").isLessThanOrEqualTo(360);
		saveScreenshot(driver, Path.of("target", "arena-360.png"));
		resize(driver, 1280);
		assertCleanConsole(driver);

		// The leaderboard in the same browser counts the vote, the winner above.
		driver.findElement(By.linkText("See the leaderboard")).click();
		waitFor(driver).until(d -> !d.findElements(By.id("standings")).isEmpty());
		assertThat(driver.findElement(By.id("votes")).getText()).isEqualTo(String.valueOf(before.battles() + 1));
		Map<String, Row> rows = standings(driver);
		assertThat(rows.keySet()).containsExactly(nameA, nameB);
		assertThat(rows.get(nameA).battles()).isEqualTo(battles(before, nameA) + 1);
		assertThat(rows.get(nameB).battles()).isEqualTo(battles(before, nameB) + 1);
		assertThat(rows.get(nameA).rating()).isGreaterThan(rows.get(nameB).rating());
		assertThat(rows.get(nameA).rank()).isEqualTo(1).isLessThanOrEqualTo(rows.get(nameB).rank());
		assertCleanConsole(driver);
	}

	@Test
	void withoutJavaScriptTheBattleIsFormsAndThePageRefreshesItselfWhileTheAnswersStream(Browsers browsers)
			throws IOException {
		WebDriver noScript = browsers.start(NO_JAVASCRIPT);
		noScript.get("http://localhost:" + port + "/arena");
		// About 150 characters, 3 s: a refresh or two come while both are partway.
		String prompt = "No scripts in this browser, so the page reloads itself every second while the two answers are typed.";
		String echo = EchoResponder.answerTo(prompt);
		String reversed = Responders.reversedAnswerTo(prompt);
		noScript.findElement(By.cssSelector(PROMPT)).sendKeys(prompt);
		noScript.findElement(By.cssSelector("#composer button.send")).click();

		// Without any action here the page comes back with more of both answers, Stop buttons, no vote yet.
		waitFor(noScript).until(d -> {
			List<?> sides = (List<?>) js(d).executeScript(SIDES);
			return sides.stream().map(List.class::cast).allMatch(side -> Boolean.TRUE.equals(side.get(2))
					&& side.get(1) instanceof String text && !text.isEmpty() && text.length() < echo.length());
		});
		assertThat(noScript.findElements(By.cssSelector("#arena-vote .vote-button"))).isEmpty();
		assertThat(text(noScript, "#arena-vote .hint")).contains("You can vote when both answers are complete.");
		assertThat(isDisabled(noScript, PROMPT)).isTrue();
		assertNamesHidden(noScript);
		By votes = By.cssSelector("#arena-vote .vote-button");
		waitFor(noScript).until(d -> d.findElements(votes).size() == 4);
		String a = text(noScript, "#side-a .content");
		assertThat(List.of(a, text(noScript, "#side-b .content"))).containsExactlyInAnyOrder(echo, reversed);
		assertThat(noScript.findElements(By.cssSelector(".stop-button"))).isEmpty();
		assertThat(isDisabled(noScript, PROMPT)).isFalse();
		assertNamesHidden(noScript);

		// A tie: the other test's leaderboard check (the winner above) holds whichever runs first.
		voteButton(noScript, "Tie").click();

		String nameA = a.equals(echo) ? NAMES.get(0) : NAMES.get(1);
		String nameB = a.equals(echo) ? NAMES.get(1) : NAMES.get(0);
		waitFor(noScript).until(d -> nameA.equals(text(d, "#side-a .contender strong")));
		assertThat(text(noScript, "#side-b .contender strong")).isEqualTo(nameB);
		assertThat(noScript.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/arena");
		assertThat(noScript.findElements(votes)).extracting(button -> button.getDomAttribute("aria-pressed"))
			.containsExactly("false", "false", "true", "false");
		assertThat(noScript.findElements(votes)).noneMatch(WebElement::isEnabled);
		assertThat(noScript.findElements(By.cssSelector(".side.winner"))).isEmpty();
	}

	/**
	 * The leaderboard of a team comparing four set-ups, from 300 simulated votes (stored as real ones are) in a
	 * context, and so a database, of its own: ranks, intervals and the win-rate matrix, for docs/arena-leaderboard.png.
	 */
	@Nested
	@TestPropertySource(properties = { "chat.arena.contenders[0].name=Large model",
			"chat.arena.contenders[1].name=Large model, short prompt", "chat.arena.contenders[2].name=Small model + search",
			"chat.arena.contenders[3].name=Small model" })
	class SimulatedVotes {

		/** The simulated contenders' true ratings (Elo scale), strongest first. */
		private static final Map<String, Integer> TRUE_RATINGS = trueRatings();

		private static final int BATTLES = 300;

		@LocalServerPort
		private int simulatedPort;

		@Autowired
		private ArenaRecord record;

		@Autowired
		private ArenaLeaderboard simulatedLeaderboard;

		@Test
		void theLeaderboardRanksFourContendersWithIntervalsAndWinRates(Browsers browsers) throws IOException {
			List<String> names = List.copyOf(TRUE_RATINGS.keySet());
			Random random = new Random(14);
			for (int i = 0; i < BATTLES; i++) {
				int first = random.nextInt(names.size());
				int second = (first + 1 + random.nextInt(names.size() - 1)) % names.size();
				String a = names.get(first);
				String b = names.get(second);
				UUID id = UUID.randomUUID();
				record.saveBattle(id, "Simulated prompt " + i, a, b, Instant.now());
				record.finishAnswer(id, true, "An answer of " + a, "complete");
				record.finishAnswer(id, false, "An answer of " + b, "complete");
				assertThat(simulatedLeaderboard.vote(id, simulatedOutcome(random, a, b))).isTrue();
			}
			WebDriver driver = browsers.start();

			driver.get("http://localhost:" + simulatedPort + "/arena/leaderboard");

			assertThat(driver.findElement(By.id("votes")).getText()).isEqualTo(String.valueOf(BATTLES));
			Map<String, Row> rows = standings(driver);
			assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(names);
			List<Row> ordered = List.copyOf(rows.values());
			assertThat(ordered.get(0).rank()).isEqualTo(1);
			assertThat(ordered).extracting(Row::rating).isSortedAccordingTo((x, y) -> Long.compare(y, x));
			assertThat(ordered).extracting(Row::rank).isSorted();
			assertThat(List.copyOf(rows.keySet()).get(0)).isIn(names.get(0), names.get(1));
			assertThat(List.copyOf(rows.keySet()).get(3)).isEqualTo(names.get(3));
			assertThat(ordered.stream().mapToLong(Row::battles).sum()).isEqualTo(2L * BATTLES);
			assertThat(driver.findElements(By.cssSelector("#standings td.interval")))
				.allMatch(cell -> cell.getText().matches("-\\d+ / \\+\\d+"));
			assertThat(driver.findElements(By.cssSelector("#win-rates tbody tr"))).hasSize(4);
			assertThat(driver.findElements(By.cssSelector("#win-rates tbody td"))).hasSize(16)
				.allMatch(cell -> cell.getText().matches("\\d+%|-"));
			new Actions(driver).moveToLocation(0, 0).perform();
			saveScreenshot(driver, Path.of("target", "arena-leaderboard.png"));
			// On a phone the tables scroll in their boxes, not the page.
			resize(driver, 360);
			assertThat(js(driver).executeScript(
					"const page = document.documentElement; return page.scrollWidth <= page.clientWidth;")).isEqualTo(true);
			saveScreenshot(driver, Path.of("target", "arena-leaderboard-360.png"));
			assertCleanConsole(driver);
		}

		private static Map<String, Integer> trueRatings() {
			Map<String, Integer> ratings = new LinkedHashMap<>();
			ratings.put("Large model", 1120);
			ratings.put("Large model, short prompt", 1090);
			ratings.put("Small model + search", 1010);
			ratings.put("Small model", 880);
			return ratings;
		}

		/** One in five a tie or "both are bad"; otherwise A wins with its Bradley-Terry (Elo) probability. */
		private static Outcome simulatedOutcome(Random random, String a, String b) {
			if (random.nextDouble() < 0.2) {
				return random.nextDouble() < 0.75 ? Outcome.TIE : Outcome.BOTH_BAD;
			}
			double aWins = 1 / (1 + Math.pow(10, (TRUE_RATINGS.get(b) - TRUE_RATINGS.get(a)) / 400.0));
			return random.nextDouble() < aWins ? Outcome.A_WINS : Outcome.B_WINS;
		}

	}

	/** A leaderboard row as shown. */
	private record Row(int rank, long rating, long battles) {
	}

	/** The standings table's rows by contender, in the page's order. */
	private static Map<String, Row> standings(WebDriver driver) {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (WebElement row : driver.findElements(By.cssSelector("#standings tbody tr"))) {
			rows.put(row.findElement(By.cssSelector(".name")).getText(),
					new Row(Integer.parseInt(row.findElement(By.cssSelector(".rank")).getText()),
							Long.parseLong(row.findElement(By.cssSelector(".elo")).getText()),
							Long.parseLong(row.findElement(By.cssSelector(".battles")).getText())));
		}
		return rows;
	}

	private static long battles(Leaderboard leaderboard, String contender) {
		return leaderboard.standings()
			.stream()
			.filter(standing -> standing.contender().equals(contender))
			.mapToLong(Standing::battles)
			.sum();
	}

	/** Neither name in the page's HTML, its address, nor any URL in it. */
	private static void assertNamesHidden(WebDriver driver) {
		String html = driver.getPageSource();
		for (String name : NAMES) {
			assertThat(html).doesNotContainIgnoringCase(name);
		}
		List<?> urls = (List<?>) js(driver).executeScript(URLS);
		assertThat(urls).isNotEmpty();
		assertThat(urls).map(String.class::cast).noneMatch(url -> url.toLowerCase().contains("demo"));
		assertThat(driver.getCurrentUrl().toLowerCase()).doesNotContain("demo");
	}

	/** Both sides show an answer this long and listen to no stream any more. */
	private static boolean finished(WebDriver driver, int length) {
		List<?> sides = (List<?>) js(driver).executeScript(SIDES);
		return sides.stream().map(List.class::cast).allMatch(side -> side.get(0) == null
				&& side.get(1) instanceof String text && text.length() == length && Boolean.FALSE.equals(side.get(2)));
	}

	private static void openArena(WebDriver driver, int port) {
		driver.get("http://localhost:" + port + "/arena");
		// The scripts are deferred: wait until htmx has processed the page, so Enter goes through htmx.
		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return document.readyState === 'complete' && !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		assertThat(isDisabled(driver, PROMPT)).isFalse();
	}

	private static WebElement voteButton(WebDriver driver, String label) {
		return driver.findElements(By.cssSelector("#arena-vote .vote-button"))
			.stream()
			.filter(button -> button.getText().equals(label))
			.findFirst()
			.orElseThrow();
	}

	/** The element's box in CSS pixels, rounded: top, bottom, left, right. */
	@SuppressWarnings("unchecked")
	private static Map<String, Long> box(WebDriver driver, String selector) {
		return (Map<String, Long>) js(driver).executeScript("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
				+ " return {top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right)};",
				selector);
	}

	/** Makes the page this many CSS pixels wide. */
	private static void resize(WebDriver driver, int width) {
		driver.manage().window().setSize(new Dimension(width, 900));
		waitFor(driver).until(d -> Long.valueOf(width).equals(js(d).executeScript("return window.innerWidth;")));
	}

	private static String text(WebDriver driver, String selector) {
		return (String) js(driver).executeScript(
				"const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
	}

	private static boolean isDisabled(WebDriver driver, String selector) {
		return Boolean.TRUE.equals(js(driver).executeScript(
				"const e = document.querySelector(arguments[0]); return !!e && e.matches(':disabled');", selector));
	}

	/** For watching both answers grow (one character per 20 ms): poll as often as a WebDriver round trip allows. */
	private static org.awaitility.core.ConditionFactory pollFast() {
		return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

}
