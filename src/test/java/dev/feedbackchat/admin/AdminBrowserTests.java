package dev.feedbackchat.admin;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;

import dev.feedbackchat.Browsers;
import dev.feedbackchat.Chromium;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.feedbackchat.Browser.NO_JAVASCRIPT;
import static dev.feedbackchat.Browser.js;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium, used as an admin would: sign in, watch a rating made in the chat
 * arrive, filter and page through the table (htmx, and again without JavaScript), download the CSV.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class AdminBrowserTests {

	static final List<String> PROMPTS = List.of("How do I reset my password?",
			"Summarize this article in three bullet points", "What's the difference between a list and a tuple?",
			"Write a haiku about autumn", "Translate \"good morning\" into French",
			"Can you explain recursion like I'm five?", "Is it safe to run this command as root?",
			"Draft a polite reminder email to a client", "Which Java version supports records?",
			"Give me a recipe with chickpeas and spinach", "Why is the sky blue?",
			"Convert 72 °F to Celsius", "Suggest a name for a hiking club 🥾");

	static final List<String> COMMENTS = List.of("Exactly what I needed", "Too vague", "Missed the second part",
			"Great, thanks!", "Wrong units");

	/** The chat's default reasons (chat.feedback.reasons.*), in the order offered. */
	static final List<String> NEGATIVE_REASONS = List.of("Not factually correct", "Didn't follow instructions",
			"Incomplete", "Too long", "Unsafe or offensive", "Other");

	static final List<String> POSITIVE_REASONS = List.of("Accurate", "Helpful", "Well written");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** Where Chromium saves downloads without asking. */
	@TempDir
	Path downloads;

	int answers;

	int rated;

	int negative;

	/**
	 * A month of made-up use, the same every run: a few conversations a day (more lately), most answers rated,
	 * about two in three positively.
	 */
	@BeforeEach
	void seed() {
		Random random = new Random(42);
		// Its own sequence, so the ratings above stay those of earlier runs.
		Random why = new Random(7);
		Instant now = Instant.now();
		List<Seed> seeds = new ArrayList<>();
		for (int day = 29; day >= 0; day--) {
			int conversations = 1 + random.nextInt(2) + (30 - day) / 10;
			for (int c = 0; c < conversations; c++) {
				UUID conversation = UUID.randomUUID();
				Instant at = now.minus(Duration.ofHours(day * 24L + random.nextInt(20) + 1));
				for (int turn = 0, turns = 1 + random.nextInt(3); turn < turns; turn++, at = at.plusSeconds(90)) {
					String prompt = PROMPTS.get(random.nextInt(PROMPTS.size()));
					String comment = random.nextInt(6) == 0 ? COMMENTS.get(random.nextInt(COMMENTS.size())) : null;
					double odds = random.nextDouble();
					Seed seed = odds < 0.12 ? Seed.unrated(prompt, at)
							: odds < 0.62 ? Seed.rated(prompt, FeedbackScale.THUMBS, 1, comment, at)
							: odds < 0.72 ? Seed.rated(prompt, FeedbackScale.STARS, random.nextBoolean() ? 3 : 4, comment, at)
							: odds < 0.78 ? Seed.rated(prompt, FeedbackScale.STARS, 2, comment, at)
							: Seed.rated(prompt, FeedbackScale.THUMBS, 0, comment, at);
					seeds.add(withReasons(seed, why).inConversation(conversation));
				}
			}
		}
		Seeder seeder = new Seeder(jdbc);
		seeder.clear();
		seeder.insert(seeds);
		answers = seeds.size();
		rated = (int) seeds.stream().filter(seed -> seed.scale() != null).count();
		negative = (int) seeds.stream()
			.filter(seed -> seed.scale() != null && seed.scale().isNegative(seed.rating()))
			.count();
		assertThat(negative).as("enough for two pages").isGreaterThan(20);
	}

	/** Most ratings come with a reason or two, a few negative ones with a correction. */
	static Seed withReasons(Seed seed, Random why) {
		if (seed.scale() == null || why.nextInt(4) == 0) {
			return seed;
		}
		boolean negative = seed.scale().isNegative(seed.rating());
		List<String> offered = negative || seed.scale().sentiment(seed.rating()) == Sentiment.NEUTRAL ? NEGATIVE_REASONS
				: POSITIVE_REASONS;
		// Skewed, as real reasons are: the first ones are chosen most.
		List<String> chosen = new ArrayList<>();
		for (String reason : offered) {
			if (why.nextInt(offered.indexOf(reason) + 2) == 0) {
				chosen.add(reason);
			}
		}
		Seed withReasons = seed.withReasons(chosen.toArray(String[]::new));
		return negative && why.nextInt(3) == 0 ? withReasons.withCorrection("The right answer.") : withReasons;
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void signInSeeANewRatingArriveFilterPageAndDownloadTheCsv(Browsers browsers) throws Exception {
		WebDriver driver = browsers.start(downloads);

		driver.get(url("/admin"));
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin/login")));
		signIn(driver, "not-the-password");
		waitFor(driver).until(d -> text(d, ".alert").equals("Wrong username or password."));
		signIn(driver, "test-admin-password");
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin")));

		assertThat(text(driver, "#total-rated")).isEqualTo(Integer.toString(rated));
		assertThat(text(driver, "#total-answers")).isEqualTo(Integer.toString(answers));
		assertThat(text(driver, "#feedback-rate")).isEqualTo(Math.round(100.0 * rated / answers) + "%");
		String todayBefore = todayInChart(driver);

		// A rating made in the chat, by the same person in another tab of the same session.
		driver.get(url("/"));
		waitFor(driver).until(d -> Boolean.TRUE.equals(js(d).executeScript(
				"return !!window.htmx && !!document.querySelector('#composer')['htmx-internal-data'];")));
		driver.findElement(By.id("prompt")).sendKeys("Is the dashboard live?", Keys.ENTER);
		By thumbsUp = By.cssSelector("#messages article.message.assistant button[aria-label='Thumbs up']");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(thumbsUp)).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(thumbsUp).getDomAttribute("aria-pressed")));

		driver.get(url("/admin"));
		assertThat(text(driver, "#total-rated")).isEqualTo(Integer.toString(rated + 1));
		assertThat(text(driver, "#total-answers")).isEqualTo(Integer.toString(answers + 1));
		assertThat(text(driver, "#rated-table tbody tr:first-child td:nth-child(2)")).isEqualTo("Is the dashboard live?");
		String todayAfter = todayInChart(driver);
		assertThat(positives(todayAfter)).as("%s, then %s", todayBefore, todayAfter).isEqualTo(positives(todayBefore) + 1);
		assertThat(driver.findElement(By.cssSelector("svg[role=img] g.day:last-of-type title")).getAttribute("textContent"))
			.contains(positives(todayAfter) + " positive");

		// For README.md (docs/admin.png): the top of the dashboard, down to the reasons chart.
		driver.manage().window().setSize(new Dimension(1280, 1300));
		saveScreenshot(driver, Path.of("target", "admin.png"));
		driver.manage().window().setSize(new Dimension(1280, 900));

		// Filtering swaps just the results (the page, with a marker in it, stays) and puts the filter in the URL.
		js(driver).executeScript("window.__samePage = true;");
		new Select(driver.findElement(By.id("filter-rating"))).selectByVisibleText("Negative");
		driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin?rating=negative")));
		waitFor(driver).until(d -> text(d, "#result-count").equals("1–20 of " + negative + ", newest first"));
		assertThat(ratingClasses(driver)).hasSize(20).allSatisfy(c -> assertThat(c).contains("negative"));
		assertThat(js(driver).executeScript("return window.__samePage === true;")).isEqualTo(true);

		driver.findElement(By.cssSelector("nav.pages a[rel=next]")).click();
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin?rating=negative&page=2")));
		waitFor(driver).until(d -> text(d, "#result-count").startsWith("21–" + negative));
		assertThat(js(driver).executeScript("return window.__samePage === true;")).isEqualTo(true);
		driver.navigate().back();
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin?rating=negative")));
		waitFor(driver).until(d -> text(d, "#result-count").startsWith("1–20 of " + negative));
		driver.navigate().forward();
		waitFor(driver).until(d -> text(d, "#result-count").startsWith("21–" + negative));

		// The export link carries the filter; Chromium saves the attachment.
		assertThat(driver.findElement(By.id("export-csv")).getDomAttribute("href"))
			.isEqualTo("/admin/export.csv?rating=negative");
		driver.findElement(By.id("export-csv")).click();
		Path csv = awaitDownload(driver, "feedback-", ".csv");
		List<CSVRecord> rows;
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
		assertThat(rows).hasSize(negative).allSatisfy(row -> assertThat(row.get("sentiment")).isEqualTo("negative"));
		assertThat(rows).extracting(row -> row.get("prompt")).containsAnyElementsOf(PROMPTS);

		assertNoConsoleErrors(driver);
	}

	/**
	 * Which reasons users give and which model they like, with and without JavaScript: the reasons chart and the
	 * per-model table follow the filter's dates (htmx swaps them with the table).
	 */
	@Test
	void reasonsAndModelsShowWhatUsersThinkOfEachModel(Browsers browsers) throws Exception {
		seedModels();
		WebDriver driver = browsers.start(downloads);
		driver.get(url("/admin/login"));
		signIn(driver, "test-admin-password");
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin")));

		List<String> reasons = driver.findElements(By.cssSelector("svg .reason .reason-label"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(reasons).contains("Not factually correct", "Helpful").doesNotHaveDuplicates();
		assertThat(driver.findElement(By.id("reasons-desc")).getAttribute("textContent")).contains("reasons chosen");
		assertThat(modelRows(driver)).contains("openai gpt-4o-mini 40 30 75% 40% 6 10", "openai gpt-4.1 30 24 80% 75% 1 4");

		// For README.md (docs/admin-training.png): the reasons chart and the table per model.
		driver.manage().window().setSize(new Dimension(1280, 1000));
		js(driver).executeScript("document.getElementById('reasons-heading').scrollIntoView();");
		saveScreenshot(driver, Path.of("target", "admin-training.png"));

		// Dates before the models were used: htmx swaps in an empty table and chart.
		js(driver).executeScript("window.__samePage = true;");
		driver.findElement(By.id("filter-to")).sendKeys("01012000");
		driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waitFor(driver).until(d -> text(d, "#models-empty").equals("No answers in these days."));
		assertThat(driver.findElement(By.id("reasons-desc")).getAttribute("textContent"))
			.isEqualTo("No reasons were chosen in these days.");
		assertThat(js(driver).executeScript("return window.__samePage === true;")).isEqualTo(true);
		assertNoConsoleErrors(driver);

		WebDriver noScript = browsers.start(downloads, NO_JAVASCRIPT);
		noScript.get(url("/admin/login"));
		signIn(noScript, "test-admin-password");
		waitFor(noScript).until(ExpectedConditions.urlToBe(url("/admin")));
		assertThat(modelRows(noScript)).contains("openai gpt-4o-mini 40 30 75% 40% 6 10");
		noScript.findElement(By.id("filter-to")).sendKeys("01012000");
		noScript.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waitFor(noScript).until(ExpectedConditions.urlContains("to=2000-01-01"));
		assertThat(text(noScript, "#models-empty")).isEqualTo("No answers in these days.");
	}

	static List<String> modelRows(WebDriver driver) {
		return driver.findElements(By.cssSelector("#models-table tbody tr")).stream().map(WebElement::getText).toList();
	}

	/**
	 * Answers of two OpenAI models over the last week, some regenerated: gpt-4o-mini 40 answers (10 of them
	 * regenerated ones), 30 rated, 12 positive, 6 corrections; gpt-4.1 30 answers (4 regenerated), 24 rated, 18
	 * positive, 1 correction.
	 */
	void seedModels() {
		Seeder seeder = new Seeder(jdbc);
		Instant start = Instant.now().minus(Duration.ofDays(7));
		seedModel(seeder, "gpt-4o-mini", 40, 10, 30, 12, 6, start);
		seedModel(seeder, "gpt-4.1", 30, 4, 24, 18, 1, start.plusSeconds(30));
	}

	private static void seedModel(Seeder seeder, String model, int answers, int regenerated, int rated, int positive,
			int corrections, Instant start) {
		UUID chat = seeder.conversation(start);
		UUID previous = null;
		UUID prompt = null;
		for (int i = 0; i < answers; i++) {
			Instant at = start.plus(Duration.ofMinutes(10L * i));
			boolean again = i > 0 && i <= regenerated;
			if (!again) {
				prompt = seeder.prompt(chat, PROMPTS.get(i % PROMPTS.size()), at, previous);
			}
			UUID answer = seeder.answer(chat, prompt, "An answer by " + model + " (" + i + ")", at.plusSeconds(5), "openai",
					model, AnswerStatus.COMPLETE, again ? previous : null);
			if (i < rated) {
				boolean liked = i >= rated - positive;
				seeder.rate(answer, FeedbackScale.THUMBS, liked ? 1 : 0, at.plusSeconds(30),
						liked ? List.of("Helpful") : List.of("Not factually correct", "Too long"),
						!liked && i < corrections ? "What it should have said (" + i + ")" : null);
			}
			previous = answer;
		}
	}

	@Test
	void withoutJavaScriptTheFiltersAndPagesArePlainLinksAndForms(Browsers browsers) throws Exception {
		WebDriver driver = browsers.start(downloads, NO_JAVASCRIPT);
		driver.get(url("/admin/login"));
		signIn(driver, "test-admin-password");
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin")));

		new Select(driver.findElement(By.id("filter-rating"))).selectByVisibleText("Thumbs down");
		driver.findElement(By.id("filter-from")).sendKeys("01012000");
		driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
		waitFor(driver).until(ExpectedConditions.urlContains("rating=thumbs-0"));
		assertThat(driver.getCurrentUrl()).contains("from=2000-01-01");
		assertThat(text(driver, "#result-count")).isEqualTo("1–20 of " + negative + ", newest first");
		assertThat(driver.findElement(By.id("filter-from")).getDomProperty("value")).isEqualTo("2000-01-01");

		driver.findElement(By.cssSelector("nav.pages a[rel=next]")).click();
		waitFor(driver).until(ExpectedConditions.urlContains("page=2"));
		assertThat(text(driver, "#result-count")).startsWith("21–" + negative);

		driver.get(url("/admin?from=2000-13-01"));
		assertThat(text(driver, "#results .alert"))
			.isEqualTo("The “from” date “2000-13-01” is not a date such as 2026-01-31.");

		driver.findElement(By.cssSelector("form[action='/admin/logout'] button")).click();
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin/login?logout")));
		driver.get(url("/admin"));
		waitFor(driver).until(ExpectedConditions.urlToBe(url("/admin/login")));
	}

	static void signIn(WebDriver driver, String password) {
		WebElement username = driver.findElement(By.id("username"));
		username.clear();
		username.sendKeys("admin");
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
	}

	static String text(WebDriver driver, String selector) {
		List<WebElement> found = driver.findElements(By.cssSelector(selector));
		return found.isEmpty() ? "" : found.get(0).getText();
	}

	/** Today's row of the chart's table (visually hidden, so read as textContent): day, positive, neutral, negative. */
	static String todayInChart(WebDriver driver) {
		return (String) js(driver).executeScript(
				"const rows = document.querySelectorAll('#chart-data tbody tr');"
						+ " return Array.from(rows[rows.length - 1].children).map(c => c.textContent.trim()).join('|');");
	}

	static int positives(String chartRow) {
		return Integer.parseInt(chartRow.split("\\|")[1]);
	}

	static List<String> ratingClasses(WebDriver driver) {
		return driver.findElements(By.cssSelector("#rated-table .rating-label"))
			.stream()
			.map(label -> label.getDomAttribute("class"))
			.toList();
	}

	/** The file Chromium saved, once complete (it writes to a .crdownload file and renames it at the end). */
	Path awaitDownload(WebDriver driver, String prefix, String suffix) {
		return waitFor(driver).withMessage(() -> "a download %s*%s in %s".formatted(prefix, suffix, downloads))
			.until(ignored -> find(prefix, suffix).orElse(null));
	}

	private Optional<Path> find(String prefix, String suffix) {
		try (Stream<Path> files = Files.list(downloads)) {
			return files.filter(file -> {
				String name = file.getFileName().toString();
				return name.startsWith(prefix) && name.endsWith(suffix);
			}).findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	static void assertNoConsoleErrors(WebDriver driver) {
		List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
		entries.forEach(entry -> System.out.println("[browser console] " + entry));
		assertThat(entries).noneMatch(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue());
		assertThat(entries).noneMatch(entry -> entry.getMessage().contains("Content Security Policy")
				|| entry.getMessage().contains("Refused to"));
	}

}
