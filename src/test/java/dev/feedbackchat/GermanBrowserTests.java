package dev.feedbackchat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in German and the dark theme, chosen in the header's form as a visitor would: a turn rated
 * and commented on, then the admin's sign-in and dashboard. Every text checked is the German bundle's; axe runs on
 * each page. Saves target/screenshot-de-dark.png and target/admin-de-dark.png (docs/ has copies).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class GermanBrowserTests {

	private static final Locale GERMAN = Locale.GERMAN;

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	final WebDriver driver;

	GermanBrowserTests(WebDriver driver) {
		this.driver = driver;
	}

	@Test
	void chatAndDashboardInGermanAndDark() throws IOException {
		Browser.openChat(driver, port);
		new Select(driver.findElement(By.id("preferences-lang"))).selectByValue("de");
		new Select(driver.findElement(By.id("preferences-theme"))).selectByValue("dark");
		driver.findElement(By.cssSelector("#preferences button[type=submit]")).click();
		waitFor(driver).until(d -> "de".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("data-theme")).isEqualTo("dark");
		assertThat(backgroundLuminance()).as("a dark page").isLessThan(0.2);
		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		assertThat(driver.findElement(By.cssSelector(Browser.PROMPT)).getDomAttribute("placeholder"))
			.isEqualTo(text("composer.placeholder"));
		assertThat(driver.findElement(By.cssSelector("#new-chat button")).getText()).isEqualTo(text("messages.newChat"));

		String prompt = "Wie bewerte ich eine Antwort?";
		Browser.send(driver, prompt);
		// The echo's answer is the tutorial's, in English in every language.
		String answer = "You said, \"" + prompt + "\" ...interesting.";
		By content = By.cssSelector("#messages article.message.assistant .content");
		waitFor(driver).until(d -> answer.equals(d.findElement(content).getText()));
		waitFor(driver).until(d -> text("a11y.answer.finished").equals(textContent("#announcer")));
		By up = By.cssSelector("#messages article.message.assistant button[aria-label='" + text("rating.thumbs.1") + "']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(up)).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(up).getDomAttribute("aria-pressed")));
		By comment = By.cssSelector("#messages article.message.assistant textarea[name=comment]");
		assertThat(driver.findElement(comment).getDomAttribute("placeholder"))
			.isEqualTo(text("feedback.comment.placeholder"));
		driver.findElement(comment).sendKeys("Klar und verständlich.");
		By send = By.cssSelector("#messages article.message.assistant button.send-comment");
		assertThat(driver.findElement(send).getText()).isEqualTo(text("feedback.send"));
		driver.findElement(send).click();
		waitFor(driver).until(d -> "Klar und verständlich.".equals(textContent("#messages .comment-text")));
		waitFor(driver).until(d -> d.findElement(By.cssSelector(Browser.PROMPT)).isEnabled());
		Axe.assertNoViolations(driver, "chat, German, dark, rated and commented");
		js(driver).executeScript("document.activeElement.blur();");
		saveScreenshot(driver, Path.of("target", "screenshot-de-dark.png"));

		driver.get("http://localhost:" + port + "/admin");
		waitFor(driver).until(ExpectedConditions.urlContains("/admin/login"));
		assertThat(driver.findElement(By.cssSelector(".login h2")).getText()).isEqualTo(text("admin.login.heading"));
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
		driver.findElement(By.id("username")).sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys("test-admin-password");
		driver.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.urlToBe("http://localhost:" + port + "/admin"));
		assertThat(driver.findElement(By.cssSelector("form[action='/admin/logout'] button")).getText())
			.isEqualTo(text("admin.account.signOut"));
		assertThat(driver.findElement(By.id("models-heading")).getText()).isEqualTo(text("admin.models.heading"));
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("data-theme")).isEqualTo("dark");
		Axe.assertNoViolations(driver, "dashboard, German, dark");
		saveScreenshot(driver, Path.of("target", "admin-de-dark.png"));
		Browser.assertCleanConsole(driver);
	}

	private String text(String key) {
		return messages.getMessage(key, null, GERMAN);
	}

	private String textContent(String selector) {
		return (String) js(driver).executeScript(
				"const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", selector);
	}

	/** The relative luminance of the body's computed background (0 black, 1 white). */
	private double backgroundLuminance() {
		String rgb = (String) js(driver).executeScript("return getComputedStyle(document.body).backgroundColor;");
		assertThat(rgb).as("an opaque background").startsWith("rgb(");
		String[] parts = rgb.replaceAll("[^0-9.,]", "").split(",");
		double[] channel = new double[3];
		for (int i = 0; i < 3; i++) {
			double c = Double.parseDouble(parts[i]) / 255;
			channel[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
	}

}
