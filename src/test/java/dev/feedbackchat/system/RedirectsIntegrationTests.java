package dev.feedbackchat.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.RawHttp;
import dev.feedbackchat.RawHttp.Response;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every redirect, of the chat and of the admin sign-in, points at a path on the site the browser is on, never at
 * a site named by the request's Host header (which a client, or a proxy passing it on, chooses freely).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedirectsIntegrationTests {

	@LocalServerPort
	int port;

	/** The session cookie; replaced when the server sends a new one (at sign-in). */
	String cookie;

	@Test
	void redirectsArePathsWhateverTheHostHeader() throws IOException {
		String token = csrfToken("/");
		assertThat(redirect(post("/messages", "_csrf=" + token + "&prompt=hi"))).isEqualTo("/");
		UUID message = UUID.randomUUID();
		assertThat(redirect(get("/messages/" + message))).isEqualTo("/#m-" + message);

		assertThat(redirect(get("/admin/export.csv?rating=positive"))).isEqualTo("/admin/login");
		String wrong = "_csrf=" + csrfToken("/admin/login") + "&username=admin&password=wrong";
		assertThat(redirect(post("/admin/login", wrong))).isEqualTo("/admin/login?error");
		String right = "_csrf=" + csrfToken("/admin/login") + "&username=admin&password=test-admin-password";
		assertThat(redirect(post("/admin/login", right))).isEqualTo("/admin/export.csv?rating=positive");
		assertThat(get("/admin").status()).isEqualTo(200);
		assertThat(redirect(post("/admin/logout", "_csrf=" + csrfToken("/admin")))).isEqualTo("/admin/login?logout");
	}

	private String csrfToken(String path) throws IOException {
		Response page = get(path);
		assertThat(page.status()).as(path).isEqualTo(200);
		return Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").val();
	}

	private static String redirect(Response response) {
		assertThat(response.status()).isEqualTo(302);
		String location = response.header("Location").orElseThrow();
		assertThat(location).doesNotContain("evil.example").startsWith("/").doesNotStartWith("//");
		return location;
	}

	private Response get(String target) throws IOException {
		return send("GET", target, null);
	}

	private Response post(String target, String form) throws IOException {
		return send("POST", target, form);
	}

	private Response send(String method, String target, String form) throws IOException {
		List<String> headers = new ArrayList<>(List.of("Host: evil.example"));
		if (cookie != null) {
			headers.add("Cookie: " + cookie);
		}
		if (form != null) {
			headers.add("Content-Type: application/x-www-form-urlencoded");
		}
		Response response = RawHttp.send(port, method, target, headers, form);
		response.headers("Set-Cookie")
			.stream()
			.filter(value -> value.startsWith("JSESSIONID="))
			.findFirst()
			.ifPresent(value -> cookie = value.split(";")[0]);
		return response;
	}

}
