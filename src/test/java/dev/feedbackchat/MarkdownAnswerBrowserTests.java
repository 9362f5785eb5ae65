package dev.feedbackchat;

import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.openChat;
import static dev.feedbackchat.Browser.send;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.feedbackchat.responder.FakeOpenAiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A model's Markdown answer in a real (headless) Chromium: streamed as text, then shown rendered. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "chat.responder=openai",
		"chat.openai.api-key=test-key", "chat.openai.model=test-model", "chat.openai.request-timeout=5s" })
@ExtendWith(Chromium.class)
class MarkdownAnswerBrowserTests {

	static final FakeOpenAiServer openAi = FakeOpenAiServer.start();

	private static final String ANSWER = "#messages article.message.assistant";

	@DynamicPropertySource
	static void modelServer(DynamicPropertyRegistry registry) {
		registry.add("chat.openai.base-url", openAi::baseUrl);
	}

	@LocalServerPort
	private int port;

	@AfterAll
	static void stopModelServer() {
		openAi.close();
	}

	@BeforeEach
	void resetModel() {
		openAi.reset();
	}

	/** The text in pieces of a few characters, as a model sends tokens: cut mid-line and mid-word. */
	static String[] tokens(String text) {
		List<String> pieces = new ArrayList<>();
		for (int i = 0; i < text.length(); i += 7) {
			pieces.add(text.substring(i, Math.min(text.length(), i + 7)));
		}
		return pieces.toArray(String[]::new);
	}

	@Test
	void aMarkdownAnswerShowsItsTableAndCodeBlockOnceItHasStreamed(WebDriver driver) {
		String code = "int total = 3 + 2;\nSystem.out.println(\"<b>\" + total);\n";
		String markdown = "Scores so far:\n\n| Name | Score |\n| --- | --- |\n| Ada | 3 |\n| Linus | 2 |\n\n```java\n" + code
				+ "```\n";
		openAi.script(FakeOpenAiServer.chunks(Duration.ofMillis(20), tokens(markdown)));
		openChat(driver, port);

		send(driver, "Show me the scores");

		// The finished message replaces the streaming one: it no longer streams and brings the rating buttons.
		By thumbsUp = By.cssSelector(ANSWER + " button[aria-label='Thumbs up']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsUp));
		assertThat(driver.findElements(By.cssSelector(ANSWER + "[sse-connect]"))).isEmpty();

		WebElement content = driver.findElement(By.cssSelector(ANSWER + " .content.markdown"));
		assertThat(content.findElement(By.cssSelector("p")).getText()).isEqualTo("Scores so far:");
		assertThat(content.findElements(By.cssSelector("table thead th"))).extracting(WebElement::getText)
			.containsExactly("Name", "Score");
		List<WebElement> rows = content.findElements(By.cssSelector("table tbody tr"));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).findElements(By.tagName("td"))).extracting(WebElement::getText).containsExactly("Ada", "3");
		assertThat(rows.get(1).findElements(By.tagName("td"))).extracting(WebElement::getText).containsExactly("Linus", "2");

		WebElement block = content.findElement(By.cssSelector("pre > code"));
		assertThat(js(driver).executeScript("return arguments[0].textContent;", block)).isEqualTo(code);
		assertThat(block.getDomAttribute("class")).isEqualTo("language-java");
		assertThat(block.findElements(By.tagName("b"))).as("code is text, not markup").isEmpty();
		assertThat(content.findElements(By.cssSelector("pre"))).hasSize(1);

		assertCleanConsole(driver);
	}

	@Test
	void aFailedAnswerShowsItsErrorAndRetryStreamsItAgainInPlace(WebDriver driver) {
		openAi.script(FakeOpenAiServer.error(500, "The server had an error while processing your request."));
		openChat(driver, port);

		send(driver, "Fail first");

		By retry = By.cssSelector(ANSWER + " button.retry-button");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(retry));
		assertThat(driver.findElement(By.cssSelector(ANSWER + " .alert")).getText())
			.startsWith("The model server answered 500");
		assertThat(driver.findElements(By.cssSelector(ANSWER + " button[aria-label='Thumbs up']"))).isEmpty();
		waitFor(driver).until(d -> !promptDisabled(d));
		String id = driver.findElement(By.cssSelector(ANSWER)).getDomAttribute("id");

		openAi.script(FakeOpenAiServer.chunks(Duration.ofMillis(20), "Recovered ", "**answer**."));
		driver.findElement(retry).click();

		// The same message streams again in place of the failed one, then ends rendered and rateable.
		By thumbsUp = By.cssSelector("#" + id + " button[aria-label='Thumbs up']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsUp));
		assertThat(driver.findElements(By.cssSelector(ANSWER))).hasSize(1);
		assertThat(driver.findElement(By.cssSelector("#" + id + " .content.markdown")).getText())
			.isEqualTo("Recovered answer.");
		assertThat(driver.findElements(By.cssSelector("#" + id + " .alert, #" + id + " button.retry-button"))).isEmpty();
		waitFor(driver).until(d -> !promptDisabled(d));

		driver.findElement(thumbsUp).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(thumbsUp).getDomAttribute("aria-pressed")));
		assertCleanConsole(driver);
	}

	private static boolean promptDisabled(WebDriver driver) {
		return Boolean.TRUE.equals(js(driver).executeScript("return document.querySelector('#prompt').matches(':disabled');"));
	}

}
