package dev.feedbackchat;

import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat with the keyboard alone (Tab, Shift+Tab, Enter, Space; no clicks): the order in which Tab reaches every
 * control, a visible focus on each, no trap, buttons working with Enter and Space, and where the focus lands after
 * each htmx swap (never on the page's body).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.history.page-size=2")
@ExtendWith(Chromium.class)
class KeyboardBrowserTests {

	/** The focused element, named for the assertions: "body" when the focus is lost. */
	private static final String FOCUSED = """
			const e = document.activeElement;
			if (!e || e === document.body) return 'body';
			const tag = e.tagName.toLowerCase();
			if (e.id === 'prompt' || e.id === 'scroller' || e.id === 'delete-chat') return tag + '#' + e.id;
			if (tag === 'textarea') return 'textarea[' + e.name + ']';
			if (tag === 'select') return 'select#' + e.id;
			if (e.matches('button.chip')) return 'chip:' + e.textContent.trim();
			if (e.matches('article.message')) return 'article.' + (e.matches('.assistant') ? 'assistant' : 'user')
			    + (e.hasAttribute('aria-busy') ? '[busy]' : '');
			if (e.matches('.feedback')) return 'widget';
			return tag + ':' + (e.getAttribute('aria-label') || e.textContent.trim());
			""";

	/** Whether the focused element shows its focus: an outline or a box shadow. */
	private static final String FOCUS_SHOWN = """
			const s = getComputedStyle(document.activeElement);
			return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
			""";

	@LocalServerPort
	private int port;

	private final WebDriver driver;

	KeyboardBrowserTests(WebDriver driver) {
		this.driver = driver;
	}

	@Test
	void aWholeTurnWithTheKeyboardAlone() {
		Browser.openChat(driver, port);
		assertThat(focused()).as("the prompt box has the focus at first").isEqualTo("textarea#prompt");

		// About 110 characters, 2 s at 20 ms each.
		keys("Tell me about keyboards, focus rings and screen readers", Keys.ENTER);
		// While the answer streams the prompt box is disabled: the streaming answer has the focus, then the box again.
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).isEqualTo("article.assistant[busy]");
		assertThat(focusShown()).isTrue();
		awaitFinished();
		waitFor(driver).until(d -> "textarea#prompt".equals(focused()));

		// Tab goes round the page in reading order, every stop with a visible focus, and comes back: no trap.
		assertThat(tabRound()).containsExactly("button:Send", "a#delete-chat", "button:New chat",
				"select#preferences-lang", "select#preferences-theme", "button:Apply", "main#scroller",
				"button:Regenerate", "button:Thumbs up", "button:Thumbs down", "textarea#prompt");

		// Shift+Tab goes back: to Thumbs up. Space rates; the focus goes on to the details it asks for.
		shiftTab();
		shiftTab();
		assertThat(focused()).isEqualTo("button:Thumbs up");
		keys(Keys.SPACE);
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(".comment-form")).isEmpty());
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).as("after rating: the first reason").isEqualTo("chip:Accurate");
		assertThat(focusShown()).isTrue();

		// Enter and Space toggle a reason chip.
		keys(Keys.SPACE);
		assertThat(pressed("Accurate")).isEqualTo("true");
		tab();
		assertThat(focused()).isEqualTo("chip:Helpful");
		keys(Keys.ENTER);
		assertThat(pressed("Helpful")).isEqualTo("true");
		keys(Keys.ENTER);
		assertThat(pressed("Helpful")).isEqualTo("false");
		List<String> details = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			tab();
			details.add(focused());
			assertThat(focusShown()).as("visible focus on %s", focused()).isTrue();
		}
		assertThat(details).containsExactly("chip:Well written", "textarea[comment]", "button:Send feedback");
		shiftTab();
		keys("Clear and short.");
		tab();
		keys(Keys.ENTER);
		waitFor(driver).until(d -> !d.findElements(By.cssSelector(".comment-text")).isEmpty());
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).as("after sending the details: the widget that shows them").isEqualTo("widget");

		// Regenerate (just before the widget) with Enter: the new answer streams with the focus, then the box has it.
		shiftTab();
		assertThat(focused()).isEqualTo("button:Regenerate");
		keys(Keys.ENTER);
		waitFor(driver).until(d -> !d.findElements(By.cssSelector("#messages .siblings")).isEmpty());
		waitFor(driver).until(d -> "textarea#prompt".equals(focused()));
		assertThat(tabRound()).containsExactly("button:Send", "a#delete-chat", "button:New chat",
				"select#preferences-lang", "select#preferences-theme", "button:Apply", "main#scroller",
				"button:Previous answer", "button:Regenerate", "button:Thumbs up", "button:Thumbs down", "textarea#prompt");

		// The switcher: Previous with Space shows the first answer; the focus moves to Next, as Previous is disabled.
		tabTo("button:Previous answer");
		keys(Keys.SPACE);
		waitFor(driver).until(d -> "1 / 2".equals(d.findElement(By.cssSelector(".sibling-place")).getText()));
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).isEqualTo("button:Next answer");
		keys(Keys.ENTER);
		waitFor(driver).until(d -> "2 / 2".equals(d.findElement(By.cssSelector(".sibling-place")).getText()));
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).isEqualTo("button:Previous answer");

		// A second turn, then a reload shows it alone: "Show earlier messages" brings the first, which has the focus.
		tabTo("textarea#prompt");
		keys("two", Keys.ENTER);
		awaitFinished();
		driver.navigate().refresh();
		waitFor(driver).until(d -> !d.findElements(By.cssSelector("#messages .earlier a")).isEmpty());
		waitFor(driver).until(d -> "textarea#prompt".equals(focused()));
		tabTo("a:Show earlier messages (2)");
		assertThat(focusShown()).isTrue();
		keys(Keys.ENTER);
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages .earlier")).isEmpty());
		waitFor(driver).until(d -> !"body".equals(focused()));
		assertThat(focused()).as("after showing earlier messages: the first of them").isEqualTo("article.user");
		assertThat(js(driver).executeScript("return document.activeElement === document.querySelector('#messages article');"))
			.isEqualTo(true);

		// New chat with Enter: the conversation is empty and the prompt box has the focus.
		tabTo("button:New chat");
		keys(Keys.ENTER);
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages article")).isEmpty());
		waitFor(driver).until(d -> "textarea#prompt".equals(focused()));
	}

	@Test
	void aRefusedPromptLeavesTheFocusInThePromptBox() {
		Browser.openChat(driver, port);
		keys(Keys.ENTER);
		waitFor(driver).until(d -> !d.findElements(By.cssSelector("#error .alert")).isEmpty());
		waitFor(driver).until(d -> "textarea#prompt".equals(focused()));
	}

	/** Tabs from the focused element until it has the focus again (at most 40 times); the stops, the body left out. */
	private List<String> tabRound() {
		String start = focused();
		List<String> stops = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			tab();
			String now = focused();
			if (!now.equals("body")) {
				assertThat(focusShown()).as("visible focus on %s", now).isTrue();
				stops.add(now);
			}
			if (now.equals(start)) {
				return stops;
			}
		}
		throw new AssertionError("Tab did not come back to " + start + ": " + stops);
	}

	private void tabTo(String target) {
		for (int i = 0; i < 40 && !focused().equals(target); i++) {
			tab();
		}
		assertThat(focused()).isEqualTo(target);
	}

	private void tab() {
		new Actions(driver).sendKeys(Keys.TAB).perform();
	}

	private void shiftTab() {
		new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
	}

	private void keys(CharSequence... keys) {
		new Actions(driver).sendKeys(keys).perform();
	}

	private String focused() {
		return (String) js(driver).executeScript(FOCUSED);
	}

	private boolean focusShown() {
		return Boolean.TRUE.equals(js(driver).executeScript(FOCUS_SHOWN));
	}

	private String pressed(String reason) {
		return (String) js(driver).executeScript("return Array.from(document.querySelectorAll('button.chip'))"
				+ ".find(b => b.textContent.trim() === arguments[0]).getAttribute('aria-pressed');", reason);
	}

	private void awaitFinished() {
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages article[sse-connect]")).isEmpty()
				&& Boolean.FALSE.equals(js(d).executeScript("return document.querySelector(arguments[0]).disabled;", PROMPT)));
	}

}
