package dev.feedbackchat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless Chromium with its own fresh profile (so its own cookies and session) and its own chromedriver,
 * for the browser suites. Uses Debian's chromium and chromedriver; Selenium never downloads a browser or
 * driver. Without /usr/bin/chromedriver the suites fail rather than skip: CI installs it. Test classes get theirs
 * from {@link Chromium}, which also closes them.
 */
public record Browser(WebDriver driver, ChromeDriverService service, Path profile) {

	public static final String PROMPT = "#prompt";

	public static final Duration TIMEOUT = Duration.ofSeconds(15);

	/** The Chromium switch for a browser without JavaScript, for the no-script fallbacks. */
	public static final String NO_JAVASCRIPT = "--blink-settings=scriptEnabled=false";

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final String CHROMIUM = "/usr/bin/chromium";

	public static void requireChromium() {
		assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").exists().canRead();
		assertThat(CHROMEDRIVER.canExecute()).as("%s is executable", CHROMEDRIVER).isTrue();
		assertThat(new File(CHROMIUM)).as("chromium (apt-get install chromium)").exists();
	}

	public static Browser start() throws IOException {
		return start(null);
	}

	/**
	 * @param downloads where downloads are saved without asking, or {@code null}
	 * @param arguments more Chromium switches, e.g. {@code --blink-settings=scriptEnabled=false}
	 */
	public static Browser start(Path downloads, String... arguments) throws IOException {
		Path profile = Files.createTempDirectory("chat-browser-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,900", "--user-data-dir=" + profile);
		options.addArguments(arguments);
		if (downloads != null) {
			options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
					"download.prompt_for_download", false));
		}
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		// Chromium's DevTools Network events, for what requests a page made (see requests).
		logging.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		try {
			return new Browser(new ChromeDriver(service, options), service, profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteQuietly(profile);
			throw ex;
		}
	}

	/** Opens the chat and waits until htmx has processed it, so Enter goes through htmx. */
	public static void openChat(WebDriver browser, int port) {
		browser.get("http://localhost:" + port + "/");
		waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.cssSelector(PROMPT)));
		// The scripts are deferred: wait until htmx has processed the page, so Enter goes through htmx.
		waitFor(browser).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return document.readyState === 'complete' && !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		assertThat(browser.findElement(By.cssSelector(PROMPT)).getDomAttribute("placeholder")).isEqualTo("Say something");
	}

	public static void send(WebDriver browser, String prompt) {
		WebElement box = browser.findElement(By.cssSelector(PROMPT));
		box.sendKeys(prompt);
		box.sendKeys(Keys.ENTER);
	}

	/** No errors and no Content-Security-Policy violations in the console so far; prints what it has. */
	public static void assertCleanConsole(WebDriver browser) {
		List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
		entries.forEach(entry -> System.out.println("[browser console] " + entry));
		assertThat(entries).as("browser console").noneMatch(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue());
		assertThat(entries).as("browser console")
			.noneMatch(entry -> entry.getMessage().contains("Content Security Policy")
					|| entry.getMessage().contains("Refused to"));
	}

	/**
	 * The requests the browser sent since the last call (or since it started), as "METHOD path?query", read
	 * from its performance log (DevTools Network.requestWillBeSent events).
	 */
	public static List<String> requests(WebDriver browser) {
		JsonMapper json = JsonMapper.builder().build();
		return browser.manage()
			.logs()
			.get(LogType.PERFORMANCE)
			.getAll()
			.stream()
			.map(entry -> json.readTree(entry.getMessage()).path("message"))
			.filter(message -> message.path("method").asString().equals("Network.requestWillBeSent"))
			.map(message -> message.path("params").path("request"))
			.map(request -> {
				URI uri = URI.create(request.path("url").asString());
				return request.path("method").asString() + " " + uri.getRawPath()
						+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
			})
			.toList();
	}

	public void close() {
		try {
			driver.quit();
		}
		finally {
			service.stop();
			deleteQuietly(profile);
		}
	}

	/**
	 * Lays the page out this many CSS pixels wide (900 high) in the light or dark colour scheme, in place: Chromium's
	 * emulation (DevTools), which lasts across navigations of this tab.
	 */
	public static void emulate(WebDriver browser, int width, boolean dark) {
		ChromeDriver chrome = (ChromeDriver) browser;
		chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
		chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
		waitFor(browser).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return window.innerWidth === arguments[0] && matchMedia('(prefers-color-scheme: dark)').matches === arguments[1];",
				width, dark)));
	}

	public static JavascriptExecutor js(WebDriver browser) {
		return (JavascriptExecutor) browser;
	}

	public static WebDriverWait waitFor(WebDriver browser) {
		WebDriverWait wait = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(50));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	/** Writes a PNG of the page for a person to look at. */
	public static void saveScreenshot(WebDriver browser, Path target) throws IOException {
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.write(target, png);
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temp dir left behind is harmless
		}
	}

}
