package dev.feedbackchat.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.feedbackchat.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.feedbackchat.Browser.assertCleanConsole;
import static dev.feedbackchat.Browser.saveScreenshot;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Deliveries page in headless Chromium, with events in every status (no endpoint is configured, so none is
 * sent meanwhile): reached from the dashboard's nav, a dead event resent, and target/deliveries.png (docs/ has a
 * copy).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class DeliveriesBrowserTests {

	static final String HOOKS = "https://hooks.example.com/feedback";

	static final String WAREHOUSE = "https://warehouse.example.com/ingest/webhooks";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deadEventsCanBeResentFromThePage(WebDriver driver) throws Exception {
		jdbc.update("delete from webhook_delivery");
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
		// Oldest first: type, endpoint, status, attempts, minutes ago, next attempt in minutes, last response.
		List<Object[]> rows = List.of(new Object[] { "rating", HOOKS, "delivered", 1, 58, null, "HTTP 204" },
				new Object[] { "rating", WAREHOUSE, "dead", 12, 55, null, "HTTP 503" },
				new Object[] { "comment", HOOKS, "delivered", 1, 41, null, "HTTP 200" },
				new Object[] { "vote", WAREHOUSE, "dead", 12, 37, null, "ConnectException" },
				new Object[] { "correction", HOOKS, "delivered", 3, 22, null, "HTTP 202" },
				new Object[] { "conversation-deleted", HOOKS, "delivered", 1, 12, null, "HTTP 204" },
				new Object[] { "rating", WAREHOUSE, "pending", 4, 6, 3, "timed out after 5000 ms" },
				new Object[] { "rating", HOOKS, "pending", 0, 0, 0, null });
		int n = 0;
		for (Object[] row : rows) {
			String eventId = "msg_2b7f9c1e4a6d48f0b3c5e8d1a9f7c" + String.format("%03d", n++);
			OffsetDateTime created = now.minusMinutes((Integer) row[4]);
			OffsetDateTime next = row[5] == null ? created : now.plusMinutes((Integer) row[5]);
			jdbc.update("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, attempts, "
					+ "next_attempt_at, last_attempt_at, last_response, delivered_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					eventId, row[0], row[1], "{}".getBytes(StandardCharsets.UTF_8), created, row[2], row[3], next,
					row[6] == null ? null : created.plusSeconds(2), row[6],
					"delivered".equals(row[2]) ? created.plusSeconds(2) : null);
		}

		driver.get("http://localhost:" + port + "/admin/login");
		AdminBrowserTests.signIn(driver, "test-admin-password");
		waitFor(driver).until(ExpectedConditions.urlToBe("http://localhost:" + port + "/admin"));
		driver.findElement(By.linkText("Deliveries")).click();
		waitFor(driver).until(ExpectedConditions.urlToBe("http://localhost:" + port + "/admin/deliveries"));

		assertThat(driver.findElement(By.id("count-pending")).getText()).isEqualTo("2");
		assertThat(driver.findElement(By.id("count-delivered")).getText()).isEqualTo("4");
		assertThat(driver.findElement(By.id("count-dead")).getText()).isEqualTo("2");
		assertThat(driver.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(rows.size());
		assertThat(driver.findElements(By.cssSelector("#deliveries button.resend"))).hasSize(2);
		assertThat(driver.findElement(By.cssSelector("#deliveries tbody tr:first-child .badge")).getText())
			.isEqualTo("pending");
		assertCleanConsole(driver);

		driver.manage().window().setSize(new Dimension(1280, 1180));
		saveScreenshot(driver, Path.of("target", "deliveries.png"));

		// Resend the dead vote: back on the page, it is pending again and due now.
		driver.findElement(By.xpath("//tr[contains(@class, 'status-dead')][.//span[@class='event-type' and text()='vote']]"
				+ "//button")).click();
		waitFor(driver).until(d -> !d.findElements(By.id("resent")).isEmpty());
		assertThat(driver.findElement(By.id("count-dead")).getText()).isEqualTo("1");
		assertThat(driver.findElement(By.id("count-pending")).getText()).isEqualTo("3");
		assertThat(driver.findElements(By.cssSelector("#deliveries button.resend"))).hasSize(1);
	}

}
