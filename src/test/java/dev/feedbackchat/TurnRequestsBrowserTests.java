package dev.feedbackchat;

import static dev.feedbackchat.Browser.send;
import static dev.feedbackchat.Browser.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The requests the page makes for one turn, recorded from Chromium's DevTools Network events, are exactly
 * those of load/turn-requests.txt, which the load benchmark (src/load/java) replays: if the page changes what
 * it asks for, this fails and the recording (and the benchmark) must follow.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(Chromium.class)
class TurnRequestsBrowserTests {

	static final String RECORDING = "load/turn-requests.txt";

	private static final By THUMBS_UP = By.cssSelector(
			"#messages article.message.assistant button[name=value][value='1'][aria-label='Thumbs up']");

	@LocalServerPort
	private int port;

	@Test
	void oneTurnMakesExactlyTheRecordedRequests(WebDriver driver) throws Exception {
		Browser.openChat(driver, port);
		// The page load's own requests are not part of a turn.
		Browser.requests(driver);

		send(driver, "hello");
		waitFor(driver).until(ExpectedConditions.elementToBeClickable(THUMBS_UP));
		driver.findElement(THUMBS_UP).click();
		waitFor(driver).until(d -> "true".equals(d.findElement(THUMBS_UP).getDomAttribute("aria-pressed")));

		// A request that trails the turn (a reconnecting stream, a late fetch) belongs to it too: the recording
		// must match and keep matching for a second.
		List<String> made = new ArrayList<>();
		List<String> expected = recording();
		await().atMost(Duration.ofSeconds(5)).during(Duration.ofSeconds(1)).untilAsserted(() -> {
			made.addAll(turnRequests(Browser.requests(driver)));
			assertThat(made).as("the requests of one turn; if the page changed on purpose, update %s", RECORDING)
				.isEqualTo(expected);
		});
	}

	/** The requests of the app, normalised; static files left out. */
	private List<String> turnRequests(List<String> requests) {
		return requests.stream().map(request -> request.split(" ", 2)).filter(request -> {
			URI url = URI.create(request[1]);
			return !isStatic(url.getPath());
		}).map(request -> request[0] + " " + normalise(URI.create(request[1]))).toList();
	}

	private static boolean isStatic(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/")
				|| path.matches(".*/[^/]+\\.[a-z0-9]+");
	}

	/** Ids become {id} and numbers {n}, so that one turn's recording fits every turn. */
	static String normalise(URI url) {
		String path = url.getRawPath()
			.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}")
			.replaceAll("/\\d+(?=/|$)", "/{n}");
		String query = url.getRawQuery();
		return query == null ? path : path + "?" + query.replaceAll("=\\d+", "={n}");
	}

	/** The committed recording's request lines (blank lines and # comments left out). */
	static List<String> recording() throws IOException {
		try (InputStream in = TurnRequestsBrowserTests.class.getClassLoader().getResourceAsStream(RECORDING)) {
			assertThat(in).as(RECORDING).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

}
