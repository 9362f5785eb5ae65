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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
@ExtendWith(Chromium.class)
class ChatBrowserTests {

	private static final String ASSISTANT_CONTENT = "#messages article.message.assistant .content";

	private static final String USER_CONTENT = "#messages article.message.user .content";

	@LocalServerPort
	private int port;

	private final WebDriver driver;

	ChatBrowserTests(WebDriver driver) {
		this.driver = driver;
	}

	@Test
	void typingPromptAndPressingEnterStreamsTheAnswerThenThumbsUpLocksItAcrossReload() throws IOException {
		String answer = "You said, \"hello\" ...interesting.";
		openChat(driver);
		Browser.requests(driver);
		// How the answer's EventSource ends: closed by its done event ("message"), for good (sse-close), before the
		// swap replaces its element ("nodeReplaced"); an error would have it reconnect.
		js(driver).executeScript("window.__sseClosed = [];"
				+ " document.addEventListener('htmx:sseClose', e => window.__sseClosed.push(e.detail.type));");

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
		assertThat(driver.findElements(By.cssSelector("#" + articleId + "[sse-connect]"))).isEmpty();
		// The composer is back, and so is the focus, to write the next prompt straight away.
		assertThat(js(driver).executeScript("return document.activeElement && document.activeElement.id;"))
			.isEqualTo("prompt");
		assertThat(js(driver).executeScript("return window.__sseClosed;")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.first()
			.isEqualTo("message");

		driver.findElement(thumbsUp).click();

		waitFor(driver).withMessage(() -> "Thumbs up pressed and both buttons disabled")
			.until(d -> isLockedWithThumbsUp(d, thumbsUp, thumbsDown));

		// The turn's requests: the prompt, one stream (the done event brings the finished message, no request for
		// it, and closes it for good), the rating.
		String id = articleId.substring("m-".length());
		assertThat(Browser.requests(driver)).filteredOn(request -> request.contains("/messages"))
			.containsExactly("POST /messages", "GET /messages/" + id + "/stream?from=0",
					"POST /messages/" + id + "/feedback");

		// Then the comment box, sent through htmx (its own hidden form is not in this page yet).
		By box = By.cssSelector("#" + articleId + " textarea[name=comment]");
		assertThat(driver.findElement(By.cssSelector("#" + articleId + " .comment-form label[for^=comment-]")).getText())
			.isEqualTo("Anything to add?");
		driver.findElement(box).sendKeys("Short & sweet <3");
		driver.findElement(By.cssSelector("#" + articleId + " button.send-comment")).click();
		waitFor(driver).until(d -> "Short & sweet <3".equals(textOf(d, "#" + articleId + " .comment-text")));
		assertThat(driver.findElements(box)).isEmpty();
		assertThat(isLockedWithThumbsUp(driver, thumbsUp, thumbsDown)).isTrue();
		assertThat(driver.findElements(By.cssSelector("#error .alert"))).isEmpty();
		saveScreenshot(driver, Path.of("target", "screenshot-one-turn.png"));

		driver.navigate().refresh();

		awaitText(driver, ASSISTANT_CONTENT, answer);
		assertThat(textOf(driver, USER_CONTENT)).isEqualTo("hello");
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).hasSize(2);
		assertThat(isLockedWithThumbsUp(driver, thumbsUp, thumbsDown)).as("rating kept across reload").isTrue();
		assertThat(textOf(driver, "#" + articleId + " .comment-text")).isEqualTo("Short & sweet <3");
		assertThat(isDisabled(driver, PROMPT)).isFalse();
		assertCleanConsole(driver);
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
	void anotherBrowserSessionSeesAnEmptyChat(Browsers browsers) throws IOException {
		openChat(driver);
		send(driver, "only mine");
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"only mine\" ...interesting.");

		WebDriver other = browsers.start();
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

	@Test
	void stopEndsTheAnswerWhereItIsAndNewChatEmptiesTheConversation() {
		String prompt = "stop me ".repeat(25).strip();
		String answer = "You said, \"" + prompt + "\" ...interesting.";
		openChat(driver);
		send(driver, prompt);
		waitFor(driver).until(d -> textOf(d, ASSISTANT_CONTENT) != null && textOf(d, ASSISTANT_CONTENT).length() > 20);

		driver.findElement(By.cssSelector("#messages article.message.assistant button.stop-button")).click();

		// The done event brings the stopped message: its partial text, "Stopped", the rating buttons, no Stop.
		waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#messages article.message.assistant .note")));
		assertThat(textOf(driver, "#messages article.message.assistant .note")).isEqualTo("Stopped");
		String stopped = textOf(driver, ASSISTANT_CONTENT);
		assertThat(answer).startsWith(stopped);
		assertThat(stopped.length()).isLessThan(answer.length());
		assertThat(driver.findElements(By.cssSelector("#messages button.stop-button"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']")))
			.hasSize(1);
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		driver.navigate().refresh();
		awaitText(driver, ASSISTANT_CONTENT, stopped);
		assertThat(textOf(driver, "#messages article.message.assistant .note")).isEqualTo("Stopped");

		driver.findElement(By.cssSelector("button.new-chat")).click();

		waitFor(driver).until(d -> d.findElements(By.cssSelector("#messages article.message")).isEmpty());
		assertThat(driver.findElement(By.cssSelector("#messages .empty")).isDisplayed()).isTrue();
		assertThat(isDisabled(driver, PROMPT)).isFalse();
		send(driver, "fresh start");
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"fresh start\" ...interesting.");
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).hasSize(2);
		driver.navigate().refresh();
		awaitText(driver, USER_CONTENT, "fresh start");
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).hasSize(2);
		assertCleanConsole(driver);
	}

	@Test
	void aReloadWhileTheAnswerStreamsResumesItWhereThePageLeftOff() {
		String prompt = "reload me in the middle of it, please. ".repeat(3).strip();
		String answer = "You said, \"" + prompt + "\" ...interesting.";
		openChat(driver);
		send(driver, prompt);
		waitFor(driver).until(d -> textOf(d, ASSISTANT_CONTENT) != null && textOf(d, ASSISTANT_CONTENT).length() > 10);
		Browser.requests(driver);

		driver.navigate().refresh();

		// The page comes with the text so far and connects from there; the rest streams in, nothing twice.
		String shown = (String) js(driver).executeScript(
				"const a = document.querySelector('#messages article.message.assistant[sse-connect]');"
						+ " return a ? a.querySelector('.content').textContent : null;");
		assertThat(shown).as("the page reloaded mid-stream").isNotNull();
		assertThat(answer).startsWith(shown);
		awaitText(driver, ASSISTANT_CONTENT, answer);
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(
				By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']")));
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		assertThat(textOf(driver, ASSISTANT_CONTENT)).isEqualTo(answer);
		List<String> streams = Browser.requests(driver).stream().filter(request -> request.contains("/stream")).toList();
		assertThat(streams).singleElement().asString().matches("GET /messages/[0-9a-f-]{36}/stream\\?from=[0-9]+");
		int from = Integer.parseInt(streams.get(0).substring(streams.get(0).indexOf("from=") + "from=".length()));
		assertThat(from).as("resumed after the %d characters the reloaded page had", from).isBetween(11, shown.length());
		assertCleanConsole(driver);
	}

	@Test
	void withoutJavaScriptTheFormsSendRateAndCommentAndThePageRefreshesWhileTheAnswerStreams(Browsers browsers)
			throws IOException {
		WebDriver noScript = browsers.start(NO_JAVASCRIPT);
		noScript.get("http://localhost:" + port + "/");
		WebElement box = noScript.findElement(By.cssSelector(PROMPT));
		box.sendKeys("no script here");
		noScript.findElement(By.cssSelector("#composer button.send")).click();

		// The page refreshes itself every second while the answer streams, then shows it finished and rateable.
		By thumbsUp = By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']");
		waitFor(noScript).until(ExpectedConditions.presenceOfElementLocated(thumbsUp));
		assertThat(textOf(noScript, ASSISTANT_CONTENT)).isEqualTo("You said, \"no script here\" ...interesting.");
		assertThat(isDisabled(noScript, PROMPT)).isFalse();

		noScript.findElement(thumbsUp).click();

		waitFor(noScript).until(d -> "true".equals(d.findElement(thumbsUp).getDomAttribute("aria-pressed")));
		assertThat(noScript.getCurrentUrl()).matches(".*/#m-[0-9a-f-]{36}");
		assertThat(noScript.findElement(thumbsUp).isEnabled()).isFalse();
		noScript.findElement(By.cssSelector("#messages textarea[name=comment]")).sendKeys("Works without scripts");
		noScript.findElement(By.cssSelector("#messages button.send-comment")).click();

		waitFor(noScript).until(d -> "Works without scripts".equals(textOf(d, "#messages .comment-text")));
		assertThat(noScript.findElements(By.cssSelector("#messages textarea[name=comment]"))).isEmpty();
		assertThat(noScript.findElement(thumbsUp).getDomAttribute("aria-pressed")).isEqualTo("true");
	}

	@Test
	void theNextAnswerFinishingLeavesTheFocusInACommentBeingWritten() {
		openChat(driver);
		send(driver, "first");
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"first\" ...interesting.");
		By thumbsUp = By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsUp)).click();
		By box = By.cssSelector("#messages textarea[name=comment]");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(box));
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));

		// Long enough (about 5 s) to write in the first answer's comment box while it streams.
		send(driver, "second, " + "a long one to have time to comment on the first. ".repeat(4).strip());
		waitFor(driver).until(d -> isDisabled(d, PROMPT));
		WebElement comment = driver.findElement(box);
		comment.click();
		comment.sendKeys("Written while");
		assertThat(isDisabled(driver, PROMPT)).as("the second answer still streams").isTrue();
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		driver.switchTo().activeElement().sendKeys(" the next answer came.");

		assertThat(driver.findElement(box).getDomProperty("value")).isEqualTo("Written while the next answer came.");
		assertThat(driver.findElement(By.cssSelector(PROMPT)).getDomProperty("value")).isEmpty();
	}

	/**
	 * Two turns, both rated, the first with a comment sent after a reload (its box then submits the hidden
	 * form the page has for it, through htmx); at 1280 px, for README.md (docs/screenshot.png).
	 */
	@Test
	void twoRatedTurnsOneWithAComment() throws IOException {
		openChat(driver);
		rateLatest("What is Feedback Chat?", "Thumbs up", "Clear and to the point.");
		rateLatest("Can I rate an answer twice?", "Thumbs down", null);
		assertThat(Browser.requests(driver)).filteredOn(request -> request.endsWith("/comment")).hasSize(1);
		assertThat(driver.findElements(By.cssSelector("#messages button[aria-pressed=true]"))).hasSize(2);
		js(driver).executeScript("document.activeElement.blur();");
		saveScreenshot(driver, Path.of("target", "screenshot.png"));
		assertCleanConsole(driver);
	}

	private void rateLatest(String prompt, String rating, String comment) {
		send(driver, prompt);
		awaitText(driver, ASSISTANT_CONTENT, "You said, \"" + prompt + "\" ...interesting.");
		String article = "#" + js(driver).executeScript(
				"const all = document.querySelectorAll('#messages article.message.assistant'); return all[all.length - 1].id;");
		By button = By.cssSelector(article + " button[aria-label='" + rating + "']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(button)).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(button).getDomAttribute("aria-pressed")));
		if (comment != null) {
			driver.navigate().refresh();
			waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
					"return !!window.htmx && !!document.querySelector(arguments[0] + ' button.send-comment')['htmx-internal-data'];",
					article)));
			assertThat(driver.findElements(By.id("comment-form-" + article.substring("#m-".length())))).hasSize(1);
			js(driver).executeScript("window.__samePage = true;");
			driver.findElement(By.cssSelector(article + " textarea[name=comment]")).sendKeys(comment);
			driver.findElement(By.cssSelector(article + " button.send-comment")).click();
			waitFor(driver).until(d -> comment.equals(textOf(d, article + " .comment-text")));
			assertThat(js(driver).executeScript("return window.__samePage === true;")).as("sent by htmx").isEqualTo(true);
		}
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
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
				+ " return [all.length ? all[all.length - 1].textContent : null, !!box && box.matches(':disabled')];",
				ASSISTANT_CONTENT, PROMPT);
	}

	/** Disabled itself or by its fieldset (the composer's fieldset is disabled while an answer streams). */
	private static boolean isDisabled(WebDriver browser, String selector) {
		return Boolean.TRUE.equals(js(browser).executeScript(
				"const e = document.querySelector(arguments[0]); return !!e && e.matches(':disabled');", selector));
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

}
