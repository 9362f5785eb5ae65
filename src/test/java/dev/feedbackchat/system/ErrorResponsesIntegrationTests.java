package dev.feedbackchat.system;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.feedbackchat.RawHttp;
import dev.feedbackchat.RawHttp.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Errors as a client meets them, over a socket (MockMvc would bypass Tomcat): whoever raises them (Tomcat before
 * any filter, Spring Security's firewall, Spring MVC, the parameter parsing), each is its 4xx with the app's
 * error page and security headers, no stack trace in the response or the log, and counted with its real status.
 * The form limit is small here so that an oversize form is small too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.tomcat.max-http-form-post-size=1KB")
@ExtendWith(OutputCaptureExtension.class)
class ErrorResponsesIntegrationTests {

	private static final String SESSION = "Cookie: {session}";

	private static final String TOKEN = "X-CSRF-TOKEN: {token}";

	private static final String MULTIPART = "Content-Type: multipart/form-data; boundary=xyz";

	private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	@Autowired
	MeterRegistry meters;

	String session;

	String token;

	@BeforeEach
	void openSession() throws IOException {
		Response page = RawHttp.get(port, "/");
		session = page.header("Set-Cookie").orElseThrow().split(";")[0];
		token = Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").val();
	}

	/** Method, target, header lines, body, status, the page's message (null: the status's), whether the app sees it. */
	static Stream<Arguments> errors() {
		String typeAMessage = "Type a message before sending.";
		return Stream.of(arguments("GET", "/%", List.of(), null, 400, null, false),
				arguments("GET", "/%2F", List.of(), null, 400, null, false),
				arguments("GET", "/a%2Fb", List.of(), null, 400, null, false),
				arguments("GET", "/..;/", List.of(), null, 400, null, false),
				arguments("GET", "/", List.of("X-Big: " + "a".repeat(20_000)), null, 400, null, false),
				arguments("GET", "//x", List.of(), null, 400, null, true),
				arguments("GET", "/?x=%FF", List.of(), null, 400, null, true),
				arguments("POST", "/messages", List.of(FORM), "_csrf={token}&prompt=%FF", 400, null, true),
				arguments("PUT", "/", List.of(SESSION, TOKEN), null, 405, null, true),
				arguments("DELETE", "/messages", List.of(SESSION, TOKEN), null, 405, null, true),
				arguments("POST", "/messages", List.of(SESSION, TOKEN, FORM), "prompt=" + "a".repeat(4000), 413, null,
						true),
				arguments("GET", "/error", List.of(), null, 404, null, true),
				arguments("GET", "/nothing-here", List.of("Accept: application/json"), null, 404, null, true),
				// Multipart is off: neither body is read, so there is no prompt.
				arguments("POST", "/messages", List.of(SESSION, TOKEN, MULTIPART), "--xyz\r\nbroken", 400, typeAMessage,
						true),
				arguments("POST", "/messages", List.of(SESSION, TOKEN, MULTIPART),
						"--xyz\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nhello\r\n--xyz--\r\n", 400,
						typeAMessage, true));
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {4}")
	@MethodSource("errors")
	void errorPageWithSecurityHeaders(String method, String target, List<String> headers, String body, int status,
			String message, boolean reachesApp, CapturedOutput output) throws IOException {
		int logStart = output.getAll().length();
		double countedBefore = requests(method, status);

		Response response = RawHttp.send(port, method, target,
				headers.stream().map(this::withSession).toList(), body == null ? null : withSession(body));

		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.header("Content-Security-Policy")).contains(SecurityConfiguration.CONTENT_SECURITY_POLICY);
		assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.header("X-Frame-Options")).contains("DENY");
		assertThat(response.header("Referrer-Policy")).contains("same-origin");
		assertThat(response.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("h1").text()).isEqualTo("Feedback Chat");
		assertThat(page.select("p.alert").text()).isEqualTo(message != null ? message : messages.getMessage(StatusMessages.of(status), null, Locale.ENGLISH));
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\"status\"");

		if (reachesApp) {
			await().atMost(Duration.ofSeconds(5)).until(() -> requests(method, status) == countedBefore + 1);
		}
		assertThat(meters.find("http.server.requests").tag("status", "500").timers()).isEmpty();
		String log = output.getAll().substring(logStart);
		assertThat(log).doesNotContain(" ERROR ").doesNotContainPattern("(?m)^\\s+at ");
		assertThat(log.lines().filter(line -> line.contains(" WARN "))).hasSizeLessThanOrEqualTo(1);
	}

	/** Tomcat's own errors (a malformed address) get a copy of the page the app renders for its errors. */
	@Test
	void tomcatsErrorPageIsTheAppsErrorPage() throws IOException {
		Document tomcats = Jsoup.parse(RawHttp.get(port, "/%").body());
		Document apps = Jsoup.parse(RawHttp.get(port, "/error").body());
		assertThat(tomcats.title()).isEqualTo(apps.title());
		assertThat(tomcats.body().className()).isEqualTo(apps.body().className());
		assertThat(tomcats.select("link[rel=stylesheet]").attr("href"))
			.isEqualTo(apps.select("link[rel=stylesheet]").attr("href"));
		assertThat(tomcats.select("link[rel=icon]").attr("href")).isEqualTo(apps.select("link[rel=icon]").attr("href"));
		assertThat(tomcats.select("main h1").text()).isEqualTo(apps.select("main h1").text());
		assertThat(tomcats.select("main a").attr("href")).isEqualTo(apps.select("main a").attr("href"));
	}

	/** Request data in a log line, even in an exception's message, cannot start a line of its own. */
	@Test
	void loggedLineBreaksAreEscaped(CapturedOutput output) throws IOException {
		String forged = "\r\n2026-01-01T00:00:00.000Z ERROR 1 --- [forged]";
		LoggerFactory.getLogger(ErrorResponsesIntegrationTests.class)
			.warn("Prompt: {}", "hi" + forged + "\u001b[31m", new IllegalStateException("Bad prompt" + forged));
		RawHttp.get(port, "/?name%0D%0A2026-01-01T00:00:00.000Z%20ERROR%20forged=%FF");

		assertThat(output.getAll()).doesNotContainPattern("(?m)^2026-01-01T00:00:00.000Z ERROR")
			.contains("Prompt: hi\\r\\n2026-01-01T00:00:00.000Z ERROR 1 --- [forged]\\u001b[31m")
			.contains("java.lang.IllegalStateException: Bad prompt\\r\\n2026-01-01T00:00:00.000Z ERROR")
			.contains("name\\r\\n2026-01-01T00:00:00.000Z ERROR forged");
	}

	private String withSession(String text) {
		return text.replace("{session}", session).replace("{token}", token);
	}

	private double requests(String method, int status) {
		return meters.find("http.server.requests")
			.tag("method", method)
			.tag("status", Integer.toString(status))
			.timers()
			.stream()
			.mapToDouble(Timer::count)
			.sum();
	}

}
