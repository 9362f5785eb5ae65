package dev.feedbackchat.preferences;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.Browser;
import dev.feedbackchat.Browsers;
import dev.feedbackchat.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dark mode and the header's language and theme form in Chromium: the system's mode (emulated through the DevTools
 * protocol), a chosen theme overriding it across reloads, System clearing it, Deutsch, all without JavaScript too,
 * on a phone's width; and reduced motion.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "chat.arena.enabled=true")
@Import(ThemeBrowserTests.Probe.class)
@ExtendWith(Chromium.class)
class ThemeBrowserTests {

	/** --bg of the light and the dark set in chat.css, as computed styles give them. */
	private static final String LIGHT_BACKGROUND = "rgb(247, 247, 248)";

	private static final String DARK_BACKGROUND = "rgb(15, 18, 22)";

	/** A page of the shared layout whose {@code <html>} carries {@code data-theme}, as the app's pages do. */
	private static final String PROBE = "/theme-probe";

	@Controller
	static class Probe {

		@GetMapping(PROBE)
		String probe() {
			return "preferences/probe";
		}

	}

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/", "/arena", "/arena/leaderboard", "/admin/login", "/conversation/delete", "/nothing-here" })
	void everyPageFollowsTheSystemsDarkOrLightMode(String path, WebDriver driver) {
		emulate(driver, "prefers-color-scheme", "dark");
		open(driver, path);
		assertThat(background(driver)).isEqualTo(DARK_BACKGROUND);
		assertThat(js(driver).executeScript("return getComputedStyle(document.documentElement).colorScheme"))
			.isEqualTo("dark");
		emulate(driver, "prefers-color-scheme", "light");
		assertThat(background(driver)).isEqualTo(LIGHT_BACKGROUND);
		assertThat(driver.findElements(By.cssSelector("form#preferences"))).hasSize(1);
	}

	@Test
	void darkChosenInTheFormOverridesALightSystemAcrossReloadsAndSystemClearsIt(WebDriver driver) {
		emulate(driver, "prefers-color-scheme", "light");
		open(driver, PROBE + "?x=1");
		assertThat(background(driver)).isEqualTo(LIGHT_BACKGROUND);

		apply(driver, null, "Dark");
		assertThat(driver.getCurrentUrl()).endsWith(PROBE + "?x=1");
		assertThat(driver.manage().getCookieNamed("theme")).extracting(Cookie::getValue, Cookie::isHttpOnly)
			.containsExactly("dark", true);
		assertThat(background(driver)).isEqualTo(DARK_BACKGROUND);
		driver.navigate().refresh();
		assertThat(background(driver)).isEqualTo(DARK_BACKGROUND);
		assertThat(new Select(driver.findElement(By.id("preferences-theme"))).getFirstSelectedOption().getText())
			.isEqualTo("Dark");

		apply(driver, null, "System");
		assertThat(driver.manage().getCookieNamed("theme")).isNull();
		assertThat(background(driver)).isEqualTo(LIGHT_BACKGROUND);
		assertCleanConsole(driver);
	}

	@Test
	void lightChosenOverridesADarkSystem(WebDriver driver) {
		emulate(driver, "prefers-color-scheme", "dark");
		open(driver, PROBE);
		assertThat(background(driver)).isEqualTo(DARK_BACKGROUND);
		apply(driver, null, "Light");
		assertThat(background(driver)).isEqualTo(LIGHT_BACKGROUND);
		assertThat(js(driver).executeScript("return getComputedStyle(document.documentElement).colorScheme"))
			.isEqualTo("light");
	}

	@Test
	void deutschSetsTheLanguageCookieAndTheFormSpeaksGerman(WebDriver driver) {
		open(driver, "/arena/leaderboard");
		assertThat(driver.findElement(By.cssSelector("label[for=preferences-lang]")).getText()).isEqualTo("Language");
		apply(driver, "Deutsch", null);
		assertThat(driver.getCurrentUrl()).endsWith("/arena/leaderboard");
		assertThat(driver.manage().getCookieNamed("lang").getValue()).isEqualTo("de");
		assertThat(driver.findElement(By.cssSelector("label[for=preferences-lang]")).getText()).isEqualTo("Sprache");
		assertThat(new Select(driver.findElement(By.id("preferences-lang"))).getFirstSelectedOption().getText())
			.isEqualTo("Deutsch");
		apply(driver, "English", null);
		assertThat(driver.findElement(By.cssSelector("label[for=preferences-lang]")).getText()).isEqualTo("Language");
		assertThat(driver.manage().getCookieNamed("lang").getValue()).isEqualTo("en");
	}

	@Test
	void theFormWorksWithoutJavaScript(Browsers browsers) throws IOException {
		WebDriver driver = browsers.start(Browser.NO_JAVASCRIPT);
		open(driver, "/");
		assertThat(js(driver).executeScript("return typeof window.htmx")).isEqualTo("undefined");
		apply(driver, "Deutsch", "Dark");
		assertThat(driver.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/");
		assertThat(driver.manage().getCookieNamed("theme").getValue()).isEqualTo("dark");
		assertThat(driver.manage().getCookieNamed("lang").getValue()).isEqualTo("de");
		open(driver, PROBE);
		assertThat(background(driver)).isEqualTo(DARK_BACKGROUND);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/arena", "/arena/leaderboard", "/admin/login", "/conversation/delete", PROBE })
	void theHeaderWrapsAtAPhonesWidthAndKeepsTheFormOnOneLineAtADesktops(String path, WebDriver driver) {
		driver.manage().window().setSize(new Dimension(360, 800));
		open(driver, path);
		assertThat(js(driver).executeScript("return innerWidth")).isEqualTo(360L);
		assertThat(js(driver).executeScript(
				"return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
			.as("no sideways scrolling at 360 px").isEqualTo(true);
		WebElement form = driver.findElement(By.id("preferences"));
		assertThat(form.getRect().getX() + form.getRect().getWidth()).isLessThanOrEqualTo(360);

		driver.manage().window().setSize(new Dimension(1280, 900));
		waitFor(driver).until(d -> Long.valueOf(1280).equals(js(d).executeScript("return innerWidth")));
		WebElement button = form.findElement(By.cssSelector("button"));
		WebElement language = form.findElement(By.cssSelector("label[for=preferences-lang]"));
		assertThat(button.getRect().getY()).as("one line at 1280 px")
			.isLessThan(language.getRect().getY() + language.getRect().getHeight());
	}

	@Test
	void reducedMotionStopsTheStreamingCaret(WebDriver driver) {
		open(driver, PROBE);
		assertThat(caretAnimation(driver)).isEqualTo("blink");
		emulate(driver, "prefers-reduced-motion", "reduce");
		assertThat(caretAnimation(driver)).isEqualTo("none");
	}

	private static Object caretAnimation(WebDriver driver) {
		return js(driver).executeScript(
				"return getComputedStyle(document.getElementById('streaming'), '::after').animationName");
	}

	/** Chooses in the header's form (null: leave as it is) and applies it; waits for the page it goes back to. */
	private static void apply(WebDriver driver, String language, String theme) {
		WebElement form = driver.findElement(By.id("preferences"));
		if (language != null) {
			new Select(form.findElement(By.name("lang"))).selectByVisibleText(language);
		}
		if (theme != null) {
			new Select(form.findElement(By.name("theme"))).selectByVisibleText(theme);
		}
		form.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.stalenessOf(form));
		waitFor(driver).until(d -> "complete".equals(js(d).executeScript("return document.readyState")));
	}

	private void open(WebDriver driver, String path) {
		driver.get("http://localhost:" + port + path);
		waitFor(driver).until(d -> "complete".equals(js(d).executeScript("return document.readyState")));
	}

	private static Object background(WebDriver driver) {
		return js(driver).executeScript("return getComputedStyle(document.body).backgroundColor");
	}

	/** Chromium's emulated media feature, as a device set to it would report; it stays for later pages. */
	private static void emulate(WebDriver driver, String feature, String value) {
		((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", feature, "value", value))));
	}

}
