package dev.feedbackchat;

import static dev.feedbackchat.Browser.PROMPT;
import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.send;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Regenerate and the switcher between the answers to one prompt in a real (headless) Chromium, with and without
 * JavaScript: send, regenerate, see "2 / 2", go back, rate each answer on its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class RegenerateBrowserTests {

	private static final String ANSWER = "#messages article.message.assistant";

	@LocalServerPort
	private int port;

	@Test
	void regenerateStreamsASecondAnswerAndTheSwitcherGoesBackEachRatedOnItsOwn(WebDriver driver) throws IOException {
		Browser.openChat(driver, port);
		String prompt = "Tell me something about regenerated answers";
		String echo = "You said, \"" + prompt + "\" ...interesting.";
		send(driver, prompt);
		String first = finishedAnswer(driver, echo);
		Browser.requests(driver);

		driver.findElement(By.cssSelector("#" + first + " button[aria-label=Regenerate]")).click();

		// The new answer streams in the same place (the first one's element is replaced), then shows "2 / 2".
		waitFor(driver).until(d -> d.findElements(By.id(first)).isEmpty());
		waitFor(driver).until(d -> "2 / 2".equals(text(d, ANSWER + " .sibling-place")));
		String second = answerId(driver);
		assertThat(second).isNotEqualTo(first);
		assertThat(text(driver, ANSWER + " .content")).as("the echo regenerates the same text").isEqualTo(echo);
		assertThat(driver.findElements(By.cssSelector("#messages article.message"))).hasSize(2);
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		assertThat(Browser.requests(driver)).filteredOn(request -> request.contains("/messages"))
			.containsExactly("POST /messages/" + first.substring(2) + "/regenerate",
					"GET /messages/" + second.substring(2) + "/stream?from=0");
		assertThat(driver.findElement(By.cssSelector("#" + second + " button[aria-label='Next answer']")).isEnabled())
			.isFalse();
		assertThat(driver.findElements(By.cssSelector("#" + second + " button[aria-label=Regenerate]"))).hasSize(1);
		// For docs/siblings.png: no hover or focus ring on the buttons.
		new Actions(driver).moveToElement(driver.findElement(By.cssSelector(".topbar h1"))).perform();
		js(driver).executeScript("document.activeElement.blur();");
		saveScreenshot(driver, Path.of("target", "siblings.png"));

		rate(driver, second, "Thumbs down");
		driver.findElement(By.cssSelector("#" + second + " button[aria-label='Previous answer']")).click();
		waitFor(driver).until(d -> "1 / 2".equals(text(d, "#" + first + " .sibling-place")));
		assertThat(pressed(driver, first, "Thumbs down")).as("the first is not rated").isFalse();
		rate(driver, first, "Thumbs up");

		driver.findElement(By.cssSelector("#" + first + " button[aria-label='Next answer']")).click();
		waitFor(driver).until(d -> "2 / 2".equals(text(d, "#" + second + " .sibling-place")));
		assertThat(pressed(driver, second, "Thumbs down")).isTrue();

		// The page comes back with the answer shown last, and each keeps its rating.
		driver.navigate().refresh();
		waitFor(driver).until(d -> "2 / 2".equals(text(d, "#" + second + " .sibling-place")));
		assertThat(pressed(driver, second, "Thumbs down")).isTrue();
		driver.findElement(By.cssSelector("#" + second + " button[aria-label='Previous answer']")).click();
		waitFor(driver).until(d -> "1 / 2".equals(text(d, "#" + first + " .sibling-place")));
		assertThat(pressed(driver, first, "Thumbs up")).isTrue();
		// A later prompt takes Regenerate from the earlier answer.
		send(driver, "next");
		waitFor(driver).until(d -> d.findElements(By.cssSelector(ANSWER)).size() == 2);
		assertThat(driver.findElement(By.cssSelector("#" + first + " button[aria-label=Regenerate]")).isDisplayed())
			.isFalse();
		assertThat(driver.findElements(By.cssSelector("#error .alert"))).isEmpty();
		assertCleanConsole(driver);
	}

	@Test
	void withoutJavaScriptRegenerateAndTheSwitcherAreFormButtons(Browsers browsers) throws IOException {
		WebDriver noScript = browsers.start(Browser.NO_JAVASCRIPT);
		noScript.get("http://localhost:" + port + "/");
		noScript.findElement(By.cssSelector(PROMPT)).sendKeys("no script");
		noScript.findElement(By.cssSelector("#composer button.send")).click();
		By regenerate = By.cssSelector(ANSWER + " button[aria-label=Regenerate]");
		waitFor(noScript).until(ExpectedConditions.presenceOfElementLocated(regenerate));
		String first = answerId(noScript);

		noScript.findElement(regenerate).click();

		// The page refreshes itself while the new answer streams, then shows it with the switcher.
		waitFor(noScript).until(d -> "2 / 2".equals(text(d, ANSWER + " .sibling-place")));
		String second = answerId(noScript);
		assertThat(second).isNotEqualTo(first);
		waitFor(noScript).until(ExpectedConditions.presenceOfElementLocated(regenerate));
		rate(noScript, second, "Thumbs up");

		noScript.findElement(By.cssSelector("#" + second + " button[aria-label='Previous answer']")).click();

		waitFor(noScript).until(d -> "1 / 2".equals(text(d, "#" + first + " .sibling-place")));
		assertThat(noScript.getCurrentUrl()).endsWith("/#" + first);
		rate(noScript, first, "Thumbs down");
		noScript.findElement(By.cssSelector("#" + first + " button[aria-label='Next answer']")).click();
		waitFor(noScript).until(d -> "2 / 2".equals(text(d, "#" + second + " .sibling-place")));
		assertThat(pressed(noScript, second, "Thumbs up")).isTrue();
	}

	/** Waits until the answer has finished with this text and can be rated; its element id. */
	private static String finishedAnswer(WebDriver driver, String text) {
		waitFor(driver).until(d -> text.equals(text(d, ANSWER + " .content")));
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(ANSWER + " button[aria-label=Regenerate]")));
		waitFor(driver).until(d -> !isDisabled(d, PROMPT));
		return answerId(driver);
	}

	private static void rate(WebDriver driver, String answer, String label) {
		By button = By.cssSelector("#" + answer + " button[aria-label='" + label + "']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(button)).click();
		waitFor(driver).until(d -> pressed(d, answer, label));
	}

	private static boolean pressed(WebDriver driver, String answer, String label) {
		List<?> pressed = (List<?>) js(driver).executeScript(
				"return Array.from(document.querySelectorAll(arguments[0])).map(b => b.getAttribute('aria-pressed'));",
				"#" + answer + " button[aria-label='" + label + "']");
		return pressed.size() == 1 && "true".equals(pressed.get(0));
	}

	/** The id of the newest answer's element ("m-..."). */
	private static String answerId(WebDriver driver) {
		return (String) js(driver).executeScript(
				"const all = document.querySelectorAll(arguments[0]); return all.length ? all[all.length - 1].id : null;",
				ANSWER);
	}

	/** The text of the newest element matching the selector, or null. */
	private static String text(WebDriver driver, String selector) {
		return (String) js(driver).executeScript(
				"const all = document.querySelectorAll(arguments[0]); return all.length ? all[all.length - 1].textContent : null;",
				selector);
	}

	private static boolean isDisabled(WebDriver driver, String selector) {
		return Boolean.TRUE.equals(js(driver).executeScript(
				"const e = document.querySelector(arguments[0]); return !!e && e.matches(':disabled');", selector));
	}

}
