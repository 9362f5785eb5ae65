package dev.feedbackchat;

import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.admin.Seeder;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.model.FeedbackScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * axe-core (WCAG 2.1 A and AA, see {@link Axe}) finds nothing in any page or state of the app: the chat through a
 * whole conversation, the arena before and after its vote, the leaderboard, the admin's pages and the error pages.
 * Each state is reached once and checked in four looks: 360 and 1280 CSS pixels wide, light and dark (Chromium's
 * emulation, in place). Every violation of a test is reported at its end, with the state and look it was found in.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.arena.enabled=true", "chat.history.page-size=4" })
@ExtendWith(Chromium.class)
class AccessibilityBrowserTests {

	/** A width and a colour scheme. */
	record Look(int width, boolean dark) {

		static final List<Look> ALL = List.of(new Look(360, false), new Look(1280, false), new Look(360, true),
				new Look(1280, true));

		static final Look DEFAULT = new Look(1280, false);

		@Override
		public String toString() {
			return width + " px, " + (dark ? "dark" : "light");
		}
	}

	private static final String ANSWER = "#messages article.message.assistant";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	private final WebDriver driver;

	/** The violations found so far, each under its state and look. */
	private final List<String> found = new ArrayList<>();

	private final List<String> checked = new ArrayList<>();

	AccessibilityBrowserTests(WebDriver driver) {
		this.driver = driver;
	}

	@Test
	void theChatThroughAWholeConversation() {
		Browser.openChat(driver, port);
		check("empty chat");

		// Enter in the empty box: the server refuses a blank prompt, the page says so in its error region.
		driver.findElement(By.cssSelector(PROMPT)).sendKeys(Keys.ENTER);
		awaitError();
		check("error shown (blank prompt), empty chat");

		// About 900 characters, 18 s at 20 ms each: the four looks are checked while it streams, then it is stopped.
		sendQuickly("Tell me everything about accessibility. ".repeat(20).strip());
		waitFor(driver).until(d -> streamedLength(d) > 20);
		check("answer streaming");
		assertThat(driver.findElements(By.cssSelector(ANSWER + " .stop-button")))
			.as("still streaming after the checks: a longer prompt is needed").hasSize(1);
		driver.findElement(By.cssSelector(ANSWER + " .stop-button")).click();
		awaitFinished();
		check("answer stopped");

		Browser.send(driver, "hello");
		awaitFinished();
		check("answer finished");

		lastAnswer().findElement(By.cssSelector("button[aria-label='Thumbs down']")).click();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(ANSWER + ":last-of-type textarea[name=correction]")).isEmpty());
		check("rated down: reasons, comment and correction open");

		lastAnswer().findElement(By.cssSelector("button.chip[data-reason-box]:not([hidden])")).click();
		lastAnswer().findElement(By.cssSelector("textarea[name=comment]")).sendKeys("Too short.");
		lastAnswer().findElement(By.cssSelector("textarea[name=correction]")).sendKeys("A longer answer.");
		lastAnswer().findElement(By.cssSelector("button.send-comment")).click();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(ANSWER + ":last-of-type .comment-text")).isEmpty());
		check("rated with reasons, comment and correction sent");

		lastAnswer().findElement(By.cssSelector("button.regenerate-button")).click();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(ANSWER + ":last-of-type .siblings")).isEmpty());
		awaitFinished();
		check("regenerated: two answers and the switcher");

		lastAnswer().findElement(By.cssSelector("button[aria-label='Thumbs up']")).click();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(ANSWER + ":last-of-type textarea[name=comment]")).isEmpty());
		check("rated up: reasons and comment open");

		sendQuickly("x".repeat(4001));
		awaitError();
		check("error shown (prompt too long), with a conversation");

		driver.findElement(By.cssSelector(PROMPT)).clear();
		Browser.send(driver, "one more");
		awaitFinished();
		driver.navigate().refresh();
		waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages .earlier a")));
		check("reloaded, with a link to earlier messages");

		driver.findElement(By.cssSelector("#messages .earlier a")).click();
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages .earlier")).isEmpty());
		check("earlier messages loaded");

		driver.findElement(By.id("delete-chat")).click();
		waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form#delete-chat")));
		check("delete this conversation: the question in the header");

		driver.get(url("/conversation/delete"));
		check("delete this conversation: the page without JavaScript");

		driver.get(url("/no-such-page"));
		check("error page 404");

		driver.get(url("/messages/not-an-id"));
		check("error page 400");

		assertNothingFound();
	}

	@Test
	void theArenaAndItsLeaderboard() {
		driver.get(url("/arena"));
		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return document.readyState === 'complete' && !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		check("arena, no battle yet");

		sendQuickly("Which of you two answers this one better? ".repeat(20).strip());
		waitFor(driver).until(d -> !d.findElements(By.cssSelector("#side-a .stop-button")).isEmpty());
		check("arena, both answers streaming");
		assertThat(driver.findElements(By.cssSelector(".side .stop-button")))
			.as("still streaming after the checks: a longer prompt is needed").hasSize(2);
		driver.findElement(By.cssSelector("#side-a .stop-button")).click();
		driver.findElement(By.cssSelector("#side-b .stop-button")).click();
		By votes = By.cssSelector("#arena-vote .vote-button");
		waitFor(driver).until(d -> d.findElements(votes).size() == 4);
		check("arena, before the vote");

		driver.findElements(votes).get(0).click();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector("#side-a .contender")).isEmpty());
		check("arena, after the vote");

		driver.get(url("/arena/leaderboard"));
		check("arena leaderboard");

		assertNothingFound();
	}

	@Test
	void theAdminPages() {
		Seeder seeder = new Seeder(jdbc);
		seeder.clear();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		List<Seed> seeds = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			seeds.add(Seed.rated("Question number " + i + " about a rather long topic", FeedbackScale.THUMBS, i % 3 == 0 ? 0 : 1,
					i % 2 == 0 ? "A comment on answer " + i : null, now.minus(i, ChronoUnit.DAYS))
				.withReasons(i % 3 == 0 ? "Too long" : "Accurate"));
		}
		seeder.insert(seeds);
		insertDeliveries();

		driver.get(url("/admin"));
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin/login")));
		check("admin sign-in");

		signIn("not-the-password");
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(".login .alert")).isEmpty());
		check("admin sign-in failed");

		signIn("test-admin-password");
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin")));
		check("dashboard with data");

		driver.get(url("/admin?rating=negative&commented=true"));
		check("dashboard, filtered");

		driver.get(url("/admin?from=2099-01-01"));
		check("dashboard, a filter with no results");

		driver.get(url("/admin?from=not-a-date"));
		check("dashboard, an invalid filter (its 400 in the page)");

		driver.get(url("/admin/deliveries"));
		assertThat(driver.findElements(By.cssSelector("#deliveries tbody tr"))).isNotEmpty();
		check("deliveries with rows");

		driver.get(url("/admin/audit"));
		check("audit log");

		UUID conversation = seeds.get(0).conversationId();
		driver.get(url("/admin/conversations/" + conversation + "/delete"));
		check("admin: delete a conversation");

		assertNothingFound();
	}

	/** Runs axe in every look, then goes back to the default one. */
	private void check(String state) {
		long start = System.nanoTime();
		for (Look look : Look.ALL) {
			Browser.emulate(driver, look.width(), look.dark());
			String violations = Axe.violations(driver);
			if (!violations.isEmpty()) {
				found.add(state + " (" + look + "):\n" + violations);
			}
		}
		Browser.emulate(driver, Look.DEFAULT.width(), Look.DEFAULT.dark());
		checked.add(state);
		System.out.printf("[axe] %s: %d ms%n", state, (System.nanoTime() - start) / 1_000_000);
	}

	private void assertNothingFound() {
		assertThat(found).as("axe-core violations (%d states checked in %d looks each)", checked.size(), Look.ALL.size())
			.withFailMessage(() -> "axe-core violations:\n" + String.join("\n", found))
			.isEmpty();
	}

	/** Types a long prompt at once (sendKeys would type it key by key) and sends it with Enter. */
	private void sendQuickly(String prompt) {
		WebElement box = driver.findElement(By.cssSelector(PROMPT));
		js(driver).executeScript("arguments[0].value = arguments[1];", box, prompt);
		box.sendKeys(Keys.ENTER);
	}

	private WebElement lastAnswer() {
		List<WebElement> answers = driver.findElements(By.cssSelector(ANSWER));
		return answers.get(answers.size() - 1);
	}

	private static long streamedLength(WebDriver driver) {
		Object length = js(driver).executeScript(
				"const c = document.querySelector('#messages article.message.assistant:last-of-type[sse-connect] .content');"
						+ " return c ? c.textContent.length : 0;");
		return (Long) length;
	}

	/** The latest answer has finished and the prompt box is back. */
	private void awaitFinished() {
		waitFor(driver).until(d -> d.findElements(By.cssSelector(ANSWER + "[sse-connect]")).isEmpty()
				&& !d.findElements(By.cssSelector(ANSWER)).isEmpty()
				&& Boolean.FALSE.equals(js(d).executeScript("return document.querySelector(arguments[0]).matches(':disabled');", PROMPT)));
	}

	private void awaitError() {
		waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#error .alert")));
	}

	private void signIn(String password) {
		WebElement username = driver.findElement(By.id("username"));
		username.clear();
		username.sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
	}

	/** Webhook events in every status, as the outbox keeps them. */
	private void insertDeliveries() {
		jdbc.update("delete from webhook_delivery");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
		String[][] rows = { { "rating", "delivered", "HTTP 204" }, { "vote", "dead", "ConnectException" },
				{ "comment", "pending", null } };
		for (int i = 0; i < rows.length; i++) {
			OffsetDateTime created = now.minusMinutes(10L * (rows.length - i));
			jdbc.update("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, attempts, "
					+ "next_attempt_at, last_attempt_at, last_response, delivered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					"msg_a11y" + i, rows[i][0], "https://hooks.example.com/feedback", "{}".getBytes(StandardCharsets.UTF_8),
					created, rows[i][1], rows[i][2] == null ? 0 : 3, created, rows[i][2] == null ? null : created.plusSeconds(2),
					rows[i][2], "delivered".equals(rows[i][1]) ? created.plusSeconds(2) : null);
		}
	}

	private String url(String path) {
		return "http://localhost:" + port + path;
	}

}
