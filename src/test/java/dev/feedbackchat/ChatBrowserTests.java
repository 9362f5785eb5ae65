package dev.feedbackchat;

import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.TIMEOUT;
import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.send;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat in a real (headless) Chromium: Enter to send, the answer streaming in over SSE, rating it, and what
 * survives a reload, each in a {@link Browser} of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.history.page-size=4")
class ChatBrowserTests {

	private static final String ASSISTANT_CONTENT = "#messages article.message.assistant .content";

	private static final String USER_CONTENT = "#messages article.message.user .content";

	@LocalServerPort
	private int port;

	/** Every driver a test opened, each with its own profile; all quit after the test. */
	private final List<Browser> browsers = new ArrayList<>();

	private WebDriver driver;

	@BeforeAll
	static void requireChromium() {
		Browser.requireChromium();
	}

	@BeforeEach
	void openBrowser() throws IOException {
		driver = newBrowser();
	}

	@AfterEach
	void closeBrowsers() {
		for (Browser browser : browsers) {
			browser.close();
		}
		browsers.clear();
	}

	@Test
	void typingPromptAndPressingEnterStreamsTheAnswerThenThumbsUpLocksItAcrossReload() throws IOException {
		String answer = "You said, \"hello\" ...interesting.";
		openChat(driver);

		send(driver, "hello");

		awaitText(driver, USER_CONTENT, "hello");
		assertThat(driver.findElement(By.cssSelector("#messages article.message.user .role")).getText()).isEqualTo("user");

		// The answer grows: at some poll it is partial, at a later poll longer. Each poll reads the answer and
		// the textarea in one script, so "disabled while streaming" is checked against the same moment.
		AtomicReference<String> partial = new AtomicReference<>();
		pollFast().until(() -> {
			List<?> now = answerAndPromptDisabled(driver);
			String text = (String) now.get(0);
			if (text != null && !text.isEmpty() && text.length() < answer.length()) {
				assertThat(answer).startsWith(text);
				assertThat(now.get(1)).as("textarea disabled while the answer streams").isEqualTo(true);
				partial.set(text);
				return true;
			}
			return false;
		});
		pollFast().until(() -> {
			List<?> now = answerAndPromptDisabled(driver);
			String text = (String) now.get(0);
			if (text != null && text.length() > partial.get().length()) {
				assertThat(text).startsWith(partial.get());
				return true;
			}
			assertThat(now.get(1)).as("textarea disabled while the answer streams").isEqualTo(true);
			return false;
		});

		awaitText(driver, ASSISTANT_CONTENT, answer);
		// Read in the page: the finished message may replace the streaming element at any moment.
		String articleId = (String) js(driver).executeScript(
				"const all = document.querySelectorAll('#messages article.message.assistant'); return all[all.length - 1].id;");
		assertThat(articleId).matches("m-[0-9a-f-]{36}");

		// The finished message replaces the streaming one; it brings the rating buttons and re-enables the prompt.
		By thumbsUp = By.cssSelector("#" + articleId + " button[aria-label='Thumbs up']");
		By thumbsDown = By.cssSelector("#" + articleId + " button[aria-label='Thumbs down']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsUp));
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		assertThat(driver.findElement(By.cssSelector("#" + articleId + " .role")).getText()).isEqualTo("assistant");
		assertThat(driver.findElement(thumbsUp).getDomAttribute("aria-pressed")).isEqualTo("false");
		assertThat(driver.findElement(thumbsDown).getDomAttribute("aria-pressed")).isEqualTo("false");

		driver.findElement(thumbsUp).click();

		waitFor(driver).withMessage(() -> "Thumbs up pressed and both buttons disabled")
			.until(d -> isLockedWithThumbsUp(d, thumbsUp, thumbsDown));
		saveScreenshot(driver, Path.of("target", "screenshot.png"));

		driver.navigate().refresh();

		awaitText(driver, ASSISTANT_CONTENT, answer);
		assertThat(textOf(driver, USER_CONTENT)).isEqualTo("hello");
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).hasSize(2);
		assertThat(isLockedWithThumbsUp(driver, thumbsUp, thumbsDown)).as("rating kept across reload").isTrue();
		assertThat(isDisabled(driver, PROMPT)).isFalse();
	}

	@Test
	void htmlInPromptIsShownAsLiteralTextAndNeverRuns() {
		String prompt = "<img src=x onerror=alert(1)>";
		String answer = "You said, \"" + prompt + "\" ...interesting.";
		openChat(driver);
		// WebDriver's scripts are not subject to the page's CSP: record any alert the page would open, and any
		// <img> that ever enters the conversation (also a streamed chunk that the finished message replaces).
		js(driver).executeScript("window.__alerted = false; window.__imgSeen = false;"
				+ " window.alert = window.confirm = window.prompt = () => { window.__alerted = true; };"
				+ " new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => {"
				+ "   if (n.nodeType === 1 && (n.matches('img') || n.querySelector('img'))) window.__imgSeen = true;"
				+ " }))).observe(document.getElementById('messages'), { childList: true, subtree: true });");

		send(driver, prompt);

		awaitText(driver, USER_CONTENT, prompt);
		awaitText(driver, ASSISTANT_CONTENT, answer);
		waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']")));

		assertThat(driver.findElement(By.cssSelector(USER_CONTENT)).getText()).isEqualTo(prompt);
		assertThat(driver.findElement(By.cssSelector(ASSISTANT_CONTENT)).getText()).isEqualTo(answer);
		assertThat(driver.findElements(By.cssSelector("#messages img"))).isEmpty();
		assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(js(driver).executeScript("return window.__alerted;")).as("alert called").isEqualTo(false);
		assertThat(js(driver).executeScript("return window.__imgSeen;")).as("<img> ever added").isEqualTo(false);

		// Also as the server renders it, after a reload.
		driver.navigate().refresh();
		awaitText(driver, ASSISTANT_CONTENT, answer);
		assertThat(textOf(driver, USER_CONTENT)).isEqualTo(prompt);
		assertThat(driver.findElements(By.cssSelector("#messages img"))).isEmpty();
		assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
	}

	@Test
	void anotherBrowserSessionSeesAnEmptyChat() throws IOException {
		openChat(driver);
		send(driver, "only mine");
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"only mine\" ...interesting.");

		WebDriver other = newBrowser();
		openChat(other);

		assertThat(other.findElements(By.cssSelector("#messages article.message"))).isEmpty();
		assertThat(other.findElement(By.cssSelector("#messages .empty")).isDisplayed()).isTrue();
		assertThat(isDisabled(other, PROMPT)).isFalse();

		driver.navigate().refresh();
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages article.message")).size() == 2);
		assertThat(textOf(driver, USER_CONTENT)).isEqualTo("only mine");
		assertThat(driver.findElement(By.cssSelector("#messages .empty")).isDisplayed()).isFalse();
	}

	@Test
	void shiftEnterMakesANewLineAndAMultiLinePromptIsEchoedVerbatim() {
		String prompt = "first line\nsecond line";
		String answer = "You said, \"" + prompt + "\" ...interesting.";
		openChat(driver);

		WebElement box = driver.findElement(By.cssSelector(PROMPT));
		box.sendKeys("first line");
		box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
		box.sendKeys("second line");

		assertThat(box.getDomProperty("value")).isEqualTo(prompt);
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).as("Shift+Enter does not send")
			.isEmpty();

		box.sendKeys(Keys.ENTER);

		awaitText(driver, USER_CONTENT, prompt);
		awaitText(driver, ASSISTANT_CONTENT, answer);
		// Rendered as two lines (white-space: pre-wrap), not joined.
		assertThat(driver.findElement(By.cssSelector(USER_CONTENT)).getText()).isEqualTo(prompt);
		assertThat(driver.findElement(By.cssSelector(ASSISTANT_CONTENT)).getText()).contains("first line\nsecond line");

		driver.navigate().refresh();
		awaitText(driver, ASSISTANT_CONTENT, answer);
		assertThat(textOf(driver, USER_CONTENT)).isEqualTo(prompt);
	}

	@Test
	void refusedPromptShowsItsMessageInThePageAndTheNextSendClearsIt() {
		openChat(driver);
		send(driver, "   ");

		waitFor(driver).until(d -> "Type a message before sending.".equals(textOf(d, "#error .alert")));
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).isEmpty();

		driver.findElement(By.cssSelector(PROMPT)).clear();
		send(driver, "now with text");
		awaitText(driver, USER_CONTENT, "now with text");
		waitFor(driver).until(d -> d.findElements(By.cssSelector("#error .alert")).isEmpty());
	}

	@Test
	void browserConsoleHasNoErrorsOrCspViolationsAfterSendingAndRating() {
		openChat(driver);
		send(driver, "console check");
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"console check\" ...interesting.");
		By thumbsDown = By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs down']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsDown)).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(thumbsDown).getDomAttribute("aria-pressed")));
		driver.navigate().refresh();
		waitFor(driver).until(d -> "true".equals(d.findElement(thumbsDown).getDomAttribute("aria-pressed")));

		assertCleanConsole(driver);
	}

	@Test
	void reloadShowsTheLatestMessagesAndShowEarlierMessagesBringsBackTheRestInOrder() {
		openChat(driver);
		for (String prompt : List.of("one", "two", "three")) {
			send(driver, prompt);
			awaitText(driver, ASSISTANT_CONTENT, "You said, \"" + prompt + "\" ...interesting.");
			waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		}

		driver.navigate().refresh();
		awaitText(driver, USER_CONTENT, "three");
		assertThat(userPrompts()).containsExactly("two", "three");
		WebElement earlier = driver.findElement(By.cssSelector("#messages .earlier a"));
		assertThat(earlier.getText()).isEqualTo("Show earlier messages (2)");

		earlier.click();

		waitFor(driver).until(d -> userPrompts().size() == 3);
		assertThat(userPrompts()).containsExactly("one", "two", "three");
		assertThat(driver.findElements(By.cssSelector("#messages .earlier"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']")))
			.hasSize(3);
		assertCleanConsole(driver);
	}

	private List<String> userPrompts() {
		return driver.findElements(By.cssSelector(USER_CONTENT)).stream().map(WebElement::getText).toList();
	}

	// ---- helpers

	private void openChat(WebDriver browser) {
		Browser.openChat(browser, port);
	}

	/** Waits until the newest element matching the selector has exactly this text (textContent). */
	private static void awaitText(WebDriver browser, String selector, String expected) {
		waitFor(browser)
			.withMessage(() -> "text of %s to be <%s> but was <%s>".formatted(selector, expected, textOf(browser, selector)))
			.until(d -> expected.equals(textOf(d, selector)));
	}

	/** The text of the newest element matching the selector, as in the DOM, or null if there is none. */
	private static String textOf(WebDriver browser, String selector) {
		Object text = js(browser).executeScript(
				"const all = document.querySelectorAll(arguments[0]);"
						+ " return all.length ? all[all.length - 1].textContent : null;", selector);
		return (String) text;
	}

	/** The newest answer's text and whether the textarea is disabled, read at the same moment. */
	private static List<?> answerAndPromptDisabled(WebDriver browser) {
		return (List<?>) js(browser).executeScript("const all = document.querySelectorAll(arguments[0]);"
				+ " const box = document.querySelector(arguments[1]);"
				+ " return [all.length ? all[all.length - 1].textContent : null, !!box && box.disabled];",
				ASSISTANT_CONTENT, PROMPT);
	}

	private static boolean isDisabled(WebDriver browser, String selector) {
		return Boolean.TRUE.equals(js(browser).executeScript(
				"const e = document.querySelector(arguments[0]); return !!e && e.disabled;", selector));
	}

	private static boolean isLockedWithThumbsUp(WebDriver browser, By thumbsUp, By thumbsDown) {
		List<WebElement> up = browser.findElements(thumbsUp);
		List<WebElement> down = browser.findElements(thumbsDown);
		return up.size() == 1 && down.size() == 1 && "true".equals(up.get(0).getDomAttribute("aria-pressed"))
				&& !"true".equals(down.get(0).getDomAttribute("aria-pressed")) && !up.get(0).isEnabled()
				&& !down.get(0).isEnabled();
	}

	/** For watching the answer grow (one character per 20 ms): poll as often as a WebDriver round trip allows. */
	private static org.awaitility.core.ConditionFactory pollFast() {
		return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	private WebDriver newBrowser() throws IOException {
		Browser browser = Browser.start();
		browsers.add(browser);
		return browser.driver();
	}

}
