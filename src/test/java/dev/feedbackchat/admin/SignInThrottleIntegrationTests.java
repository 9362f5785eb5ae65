package dev.feedbackchat.admin;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.feedbackchat.admin.AdminSecurityTests.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling on the real server behind a proxy ({@code server.forward-headers-strategy=native}; the
 * test is the proxy, on the loopback address Tomcat trusts): each client is throttled by its own address, the
 * login page is rendered with the refusal, and the metrics endpoint shows the counts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.forward-headers-strategy=native", "chat.admin.sign-in.lockout=1m" })
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleIntegrationTests {

	@LocalServerPort
	int port;

	final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	HttpRequest.Builder request(String path, String client) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("X-Forwarded-For", client);
	}

	HttpResponse<String> signIn(String client, String user, String password) throws Exception {
		Document page = Jsoup.parse(this.client.send(request("/admin/login", client).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ page.selectFirst("input[name=_csrf]").val();
		return this.client.send(request("/admin/login", client).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> metrics(String client, String user, String password) throws Exception {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this.client.send(request("/actuator/prometheus", client).header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void eachClientBehindTheProxyIsThrottledByItsOwnAddress(CapturedOutput output) throws Exception {
		for (int i = 1; i <= 5; i++) {
			HttpResponse<String> wrong = signIn("203.0.113.7", "guess" + i, "wrong");
			assertThat(wrong.statusCode()).isEqualTo(302);
			assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/admin/login?error"));
		}
		assertThat(output.getOut()).contains("Failed admin sign-in via form for user 'guess5' from 203.0.113.7 "
				+ "(5 failures from this address, 1 for this user name)");

		HttpResponse<String> refused = signIn("203.0.113.7", "admin", PASSWORD);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
		Document page = Jsoup.parse(refused.body());
		assertThat(page.select(".alert").text()).isEqualTo("Too many failed sign-ins. Try again in 60 seconds.");
		assertThat(page.select("form[action=/admin/login] input[name=_csrf]")).hasSize(1);

		HttpResponse<String> scrape = metrics("203.0.113.7", "admin", PASSWORD);
		assertThat(scrape.statusCode()).isEqualTo(429);
		assertThat(scrape.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(scrape.body()).isEqualTo("Too many failed sign-ins. Try again in 60 seconds.");

		assertThat(signIn("198.51.100.4", "admin", PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying(to -> assertThat(to).endsWith("/admin"));
		HttpResponse<String> metrics = metrics("198.51.100.4", "admin", PASSWORD);
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).containsPattern("chat_sign_in_failures_total\\{[^}]*via=\"form\"[^}]*} 5")
			.containsPattern("chat_sign_in_throttled_total\\{[^}]*via=\"form\"[^}]*} 1")
			.containsPattern("chat_sign_in_throttled_total\\{[^}]*via=\"basic\"[^}]*} 1");
	}

}
