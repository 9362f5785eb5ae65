package dev.feedbackchat;

import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a screen reader is told over a turn, as the page's live regions (aria-live, role=status, role=alert) change:
 * a MutationObserver in the page records each change of a region's text (what a screen reader would read out) and
 * each change of aria-busy. A streaming answer is busy and in no live region, so nothing is read while it streams;
 * its end is announced once; an error is announced once, each time it happens.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.arena.enabled=true")
@ExtendWith(Chromium.class)
class LiveRegionBrowserTests {

	/**
	 * Records into window.__live "<region>: <text>" once per region whose text was added to or changed in one batch of
	 * mutations (also a region inserted with text), and "busy <id>: <value>" for every aria-busy set or removed. Run
	 * again, it starts a new record with the same observer.
	 */
	private static final String OBSERVE = """
			window.__live = [];
			if (window.__observer) return;
			const LIVE = '[aria-live], [role=status], [role=alert], [role=log]';
			const name = (region) => region.getAttribute('role') || 'live';
			const element = (node) => node.nodeType === 1 ? node : node.parentElement;
			window.__observer = new MutationObserver((records) => {
			  const changed = new Set();
			  for (const record of records) {
			    if (record.type === 'attributes') {
			      window.__live.push('busy ' + record.target.id + ': ' + record.target.getAttribute('aria-busy'));
			      continue;
			    }
			    const region = element(record.target)?.closest(LIVE);
			    const added = record.type === 'characterData' || Array.from(record.addedNodes).some((n) => n.textContent.trim());
			    if (region && added) changed.add(region);
			    for (const node of record.addedNodes) {
			      if (node.nodeType !== 1) continue;
			      const inserted = [node, ...node.querySelectorAll(LIVE)].filter((e) => e.matches(LIVE));
			      inserted.filter((e) => e.textContent.trim()).forEach((e) => changed.add(e));
			    }
			  }
			  changed.forEach((region) => window.__live.push(name(region) + ': ' + region.textContent.trim()));
			});
			window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true,
			  attributes: true, attributeFilter: ['aria-busy'] });
			""";

	@LocalServerPort
	private int port;

	private final WebDriver driver;

	LiveRegionBrowserTests(WebDriver driver) {
		this.driver = driver;
	}

	@Test
	void aStreamingAnswerIsBusyAndSilentThenAnnouncedOnceEachTurn() {
		Browser.openChat(driver, port);
		for (String prompt : List.of("Say something long enough to be seen while it streams, please.", "hello")) {
			js(driver).executeScript(OBSERVE);

			Browser.send(driver, prompt);

			// Seen while it streams: the answer busy, its text in no live region, nothing announced yet.
			waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
					"const c = document.querySelector('#messages article[sse-connect]:last-of-type .content');"
							+ " return !!c && c.textContent.length > 0;")));
			List<?> streaming = (List<?>) js(driver).executeScript(
					"const a = document.querySelector('#messages article[sse-connect]:last-of-type');"
							+ " return [a.getAttribute('aria-busy'), a.closest('[aria-live], [role=status], [role=alert], [role=log]') === null"
							+ " && a.querySelector('[aria-live], [role=status], [role=alert], [role=log]') === null, window.__live.slice()];");
			assertThat(streaming.get(0)).as("aria-busy while streaming").isEqualTo("true");
			assertThat(streaming.get(1)).as("the streaming answer is in no live region").isEqualTo(true);
			assertThat((List<?>) streaming.get(2)).as("nothing announced while streaming").isEmpty();

			awaitFinished();
			assertThat(live()).as("one announcement when done (%s)", prompt).containsExactly("status: Answer finished");
			assertThat(driver.findElements(By.cssSelector("[aria-busy]"))).as("aria-busy gone").isEmpty();
			assertThat(driver.findElement(By.id("announcer")).getDomAttribute("role")).isEqualTo("status");
		}
	}

	@Test
	void anErrorIsAnnouncedOnceEachTimeItHappensAlsoTheSameOneAgain() {
		Browser.openChat(driver, port);
		assertThat(driver.findElements(By.cssSelector("[aria-live=assertive]"))).as("no assertive region besides the alert")
			.isEmpty();
		js(driver).executeScript(OBSERVE);

		driver.findElement(By.cssSelector(PROMPT)).sendKeys(Keys.ENTER);

		waitFor(driver).until(d -> !live().isEmpty());
		String message = driver.findElement(By.cssSelector("#error .alert")).getText();
		assertThat(message).isNotBlank();
		assertThat(driver.findElement(By.id("error")).getDomAttribute("role")).isEqualTo("alert");
		waitFor(driver).until(d -> !Boolean.TRUE.equals(js(d).executeScript("return document.querySelector(arguments[0]).disabled;", PROMPT)));
		assertThat(live()).containsExactly("alert: " + message);

		driver.findElement(By.cssSelector(PROMPT)).sendKeys(Keys.ENTER);

		waitFor(driver).until(d -> live().size() > 1);
		assertThat(live()).as("the same error again is a change of the region too")
			.containsExactly("alert: " + message, "alert: " + message);
	}

	@Test
	void theArenaAnnouncesOnceWhenBothAnswersHaveEnded() {
		driver.get("http://localhost:" + port + "/arena");
		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return document.readyState === 'complete' && !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		js(driver).executeScript(OBSERVE);

		Browser.send(driver, "Which of you two answers this one better?");

		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return ['a', 'b'].every(s => { const e = document.querySelector('#side-' + s + '[sse-connect] .content');"
						+ " return !!e && e.textContent.length > 0; });")));
		List<?> streaming = (List<?>) js(driver).executeScript(
				"return [['a', 'b'].map(s => document.getElementById('side-' + s).getAttribute('aria-busy')),"
						+ " document.querySelectorAll('#battle [aria-live], #battle [role=status], #battle [role=alert]').length,"
						+ " window.__live.slice()];");
		assertThat(streaming.get(0)).as("both sides busy")
			.asInstanceOf(InstanceOfAssertFactories.list(String.class))
			.containsExactly("true", "true");
		assertThat(streaming.get(1)).as("no live region in the battle").isEqualTo(0L);
		assertThat((List<?>) streaming.get(2)).as("nothing announced while streaming").isEmpty();

		waitFor(driver).until(d -> d.findElements(By.cssSelector("#arena-vote .vote-button")).size() == 4);
		assertThat(live()).as("one announcement for both").containsExactly("status: Both answers finished");
		assertThat(driver.findElements(By.cssSelector("[aria-busy]"))).isEmpty();
	}

	/** The announcements recorded so far, without the aria-busy changes. */
	private List<String> live() {
		List<?> all = (List<?>) js(driver).executeScript("return window.__live;");
		return all.stream().map(String.class::cast).filter(entry -> !entry.startsWith("busy ")).toList();
	}

	private void awaitFinished() {
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages article[sse-connect]")).isEmpty()
				&& Boolean.FALSE.equals(js(d).executeScript("return document.querySelector(arguments[0]).disabled;", PROMPT)));
	}

}
