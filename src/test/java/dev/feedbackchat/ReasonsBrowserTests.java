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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reasons and a correction after a thumbs-down, in Chromium: toggle buttons with JavaScript, checkboxes without,
 * one submit, then read-only. Saves target/reasons.png and target/reasons-sent.png (docs/ has copies).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class ReasonsBrowserTests {

	static final String PROMPT_TEXT = "What is Feedback Chat?";

	static final String CORRECTION = "A chat whose answers can be rated, with reasons and a correction,\n"
			+ "and exported as <datasets> for \"training\".";

	@LocalServerPort
	private int port;

	@Test
	void thumbsDownTwoChipsAndACorrectionSentTogetherThenReadOnly(WebDriver driver) throws IOException {
		Browser.openChat(driver, port);
		send(driver, PROMPT_TEXT);
		String answer = rateDown(driver);

		// chat.js shows toggle buttons in place of the checkboxes.
		By chips = By.cssSelector(answer + " fieldset.reasons button.chip");
		waitFor(driver).until(d -> d.findElements(chips).size() == 6 && d.findElements(chips).get(0).isDisplayed());
		assertThat(driver.findElements(By.cssSelector(answer + " fieldset.reasons label.chip")))
			.noneMatch(WebElement::isDisplayed);
		assertThat(driver.findElement(By.cssSelector(answer + " fieldset.reasons legend")).getText())
			.isEqualTo("What went wrong?");
		chip(driver, answer, "Incomplete").click();
		chip(driver, answer, "Other").click();
		chip(driver, answer, "Too long").click();
		chip(driver, answer, "Other").click();
		assertThat(driver.findElements(chips).stream().filter(c -> "true".equals(c.getDomAttribute("aria-pressed"))))
			.extracting(WebElement::getText)
			.containsExactly("Incomplete", "Too long");
		assertThat(driver.findElement(By.cssSelector(answer + " label[for^=correction-]")).getText())
			.isEqualTo("What should the answer have been?");
		driver.findElement(By.cssSelector(answer + " textarea[name=correction]")).sendKeys(CORRECTION);
		js(driver).executeScript("document.activeElement.blur(); window.__samePage = true;");
		new Actions(driver).moveToLocation(0, 0).perform();
		saveScreenshot(driver, Path.of("target", "reasons.png"));

		driver.findElement(By.cssSelector(answer + " button.send-comment")).click();

		awaitReadOnly(driver, answer);
		assertThat(js(driver).executeScript("return window.__samePage === true;")).as("sent by htmx").isEqualTo(true);
		assertThat(Browser.requests(driver)).filteredOn(request -> request.endsWith("/comment")).hasSize(1);
		saveScreenshot(driver, Path.of("target", "reasons-sent.png"));
		driver.navigate().refresh();
		awaitReadOnly(driver, answer);
		assertCleanConsole(driver);
	}

	@Test
	void withoutJavaScriptTheChipsAreCheckboxesOfTheSameForm(Browsers browsers) throws IOException {
		WebDriver driver = browsers.start(Browser.NO_JAVASCRIPT);
		driver.get("http://localhost:" + port + "/");
		driver.findElement(By.cssSelector(PROMPT)).sendKeys(PROMPT_TEXT);
		driver.findElement(By.cssSelector("#composer button.send")).click();
		String answer = rateDown(driver);

		assertThat(driver.findElements(By.cssSelector(answer + " fieldset.reasons button.chip")))
			.noneMatch(WebElement::isDisplayed);
		for (String reason : List.of("Incomplete", "Too long")) {
			driver.findElement(By.xpath("//article[@id='" + answer.substring(1) + "']//label[@class='chip' and .='"
					+ reason + "']")).click();
		}
		assertThat(driver.findElements(By.cssSelector(answer + " input[name=reason]:checked")))
			.extracting(box -> box.getDomAttribute("value"))
			.containsExactly("Incomplete", "Too long");
		driver.findElement(By.cssSelector(answer + " textarea[name=correction]")).sendKeys(CORRECTION);
		driver.findElement(By.cssSelector(answer + " button.send-comment")).click();

		awaitReadOnly(driver, answer);
		assertThat(driver.getCurrentUrl()).endsWith("/" + answer);
	}

	/** Rates the newest answer down once it is complete; returns its article's selector. */
	private static String rateDown(WebDriver driver) {
		By down = By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs down']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(down));
		String answer = "#" + driver.findElement(By.cssSelector("#messages article.message.assistant")).getDomAttribute("id");
		driver.findElement(down).click();
		By pressed = By.cssSelector(answer + " button[aria-label='Thumbs down'][aria-pressed=true]");
		waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(pressed));
		waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(answer + " fieldset.reasons")));
		return answer;
	}

	private static WebElement chip(WebDriver driver, String answer, String reason) {
		return driver.findElements(By.cssSelector(answer + " fieldset.reasons button.chip"))
			.stream()
			.filter(chip -> chip.getText().equals(reason))
			.findFirst()
			.orElseThrow();
	}

	/** The reasons, in the order offered, and the correction, as text; no form left. */
	private static void awaitReadOnly(WebDriver driver, String answer) {
		By chosen = By.cssSelector(answer + " .reasons-sent li");
		waitFor(driver).until(d -> d.findElements(chosen).stream().map(WebElement::getText).toList()
			.equals(List.of("Incomplete", "Too long")));
		assertThat(js(driver).executeScript("return document.querySelector(arguments[0]).textContent;",
				answer + " .correction-text")).isEqualTo(CORRECTION);
		assertThat(driver.findElements(By.cssSelector(answer + " .comment-form, " + answer + " textarea"))).isEmpty();
		assertThat(driver.findElements(By.cssSelector(answer + " .correction-text *"))).as("escaped").isEmpty();
	}

}
