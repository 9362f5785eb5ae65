package dev.feedbackchat.admin;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.feedbackchat.HttpChat;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin sign-in with OpenID Connect against a local provider (mock-oauth2-server), the whole authorization-code
 * flow over real HTTP, each redirect followed by hand as a browser would: an allowed e-mail address or group gets
 * the dashboard, anyone else 403; the form login still works beside it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.admin.oidc.enabled=true", "chat.admin.oidc.allowed-emails=Admin@Example.com",
				"chat.admin.oidc.allowed-groups=chat-admins",
				"spring.security.oauth2.client.registration.local.client-id=feedback-chat",
				"spring.security.oauth2.client.registration.local.client-secret=secret",
				"spring.security.oauth2.client.registration.local.client-name=Local IdP",
				"spring.security.oauth2.client.registration.local.scope=openid,email" })
class OidcSignInIntegrationTests {

	static final String ISSUER = "default";

	static final MockOAuth2Server provider = started();

	static final List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();

	private static MockOAuth2Server started() {
		MockOAuth2Server server = new MockOAuth2Server();
		server.start(0);
		return server;
	}

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.local.issuer-uri",
				() -> provider.wellKnownUrl(ISSUER).toString().replace("/.well-known/openid-configuration", ""));
	}

	@TestConfiguration
	static class Events {

		@EventListener
		void heard(AbstractAuthenticationEvent event) {
			events.add(event);
		}

	}

	@AfterAll
	static void stop() {
		provider.shutdown();
	}

	@LocalServerPort
	int port;

	final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@BeforeEach
	void clear() {
		events.clear();
	}

	@Test
	void theLoginPageOffersTheProviderBesideTheForm() throws Exception {
		Document page = Jsoup.parse(get("/admin/login").body());
		assertThat(page.selectFirst("form.login-form")).isNotNull();
		assertThat(page.select(".login-providers a")).singleElement().satisfies(link -> {
			assertThat(link.text()).isEqualTo("Sign in with Local IdP");
			assertThat(link.attr("href")).isEqualTo("/oauth2/authorization/local");
		});
	}

	@Test
	void anAllowedEmailGetsTheDashboardItAskedFor() throws Exception {
		HttpResponse<String> end = signIn("someone", Map.of("email", "admin@example.com", "email_verified", true));
		assertThat(end.statusCode()).isEqualTo(302);
		assertThat(end.headers().firstValue("Location")).hasValue("/admin?page=2");
		HttpResponse<String> dashboard = get("/admin");
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("admin@example.com");
		assertThat(events).filteredOn(AuthenticationSuccessEvent.class::isInstance).singleElement().satisfies(event -> {
			assertThat(event.getAuthentication().getName()).isEqualTo("admin@example.com");
			assertThat(event.getAuthentication().getDetails()).isInstanceOfSatisfying(SignInDetails.class,
					details -> assertThat(details.via()).isEqualTo(SignInDetails.Via.OIDC));
		});
	}

	@Test
	void aUserInAnAllowedGroupIsTheAdminToo() throws Exception {
		HttpResponse<String> end = signIn("member", Map.of("email", "member@example.com", "groups", List.of("staff", "chat-admins")));
		assertThat(end.statusCode()).isEqualTo(302);
		assertThat(get("/admin").statusCode()).isEqualTo(200);
	}

	@Test
	void anyoneElseGets403WithAPageThatSaysSo() throws Exception {
		HttpResponse<String> end = signIn("stranger",
				Map.of("email", "stranger@example.com", "groups", List.of("staff")));
		assertThat(end.statusCode()).isEqualTo(403);
		assertThat(Jsoup.parse(end.body()).select("[role=alert]").text())
			.isEqualTo("The account stranger@example.com is not allowed to use the admin pages.");
		assertThat(get("/admin").statusCode()).isEqualTo(302);
		assertThat(events).filteredOn(OidcSignInRefused.class::isInstance).hasSize(1);
		assertThat(events).noneMatch(AuthenticationSuccessEvent.class::isInstance);
	}

	@Test
	void anAllowedEmailTheProviderHasNotVerifiedIsNotEnough() throws Exception {
		assertThat(signIn("unverified", Map.of("email", "admin@example.com", "email_verified", false)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void theFormLoginStillWorks() throws Exception {
		HttpChat chat = new HttpChat(port);
		chat.signIn("admin", "test-admin-password");
		assertThat(chat.get("/admin").statusCode()).isEqualTo(200);
	}

	@Test
	void anUnknownProviderIsNoServerError() throws Exception {
		HttpResponse<String> unknown = get("/oauth2/authorization/nope");
		assertThat(unknown.statusCode()).isEqualTo(302);
		assertThat(unknown.headers().firstValue("Location")).hasValue("/admin/login");
	}

	/**
	 * Asks for a page of the dashboard, follows the login page's link to the provider, which signs in a user with
	 * these claims, and comes back with its code: the app's answer to that is returned.
	 */
	private HttpResponse<String> signIn(String subject, Map<String, Object> claims) throws Exception {
		HttpResponse<String> asked = get("/admin?page=2");
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(asked.headers().firstValue("Location")).hasValue("/admin/login");
		String start = Jsoup.parse(get("/admin/login").body()).selectFirst(".login-providers a").attr("href");
		HttpResponse<String> toProvider = get(start);
		assertThat(toProvider.statusCode()).isEqualTo(302);
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(provider.wellKnownUrl(ISSUER).toString().replace("/.well-known/openid-configuration", ""));
		provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of("feedback-chat"), claims, 3600));
		HttpResponse<String> back = send(URI.create(authorize));
		assertThat(back.statusCode()).isEqualTo(302);
		URI callback = URI.create(back.headers().firstValue("Location").orElseThrow());
		assertThat(callback.getPath()).isEqualTo("/login/oauth2/code/local");
		assertThat(callback.getPort()).isEqualTo(port);
		return send(callback);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(URI.create("http://localhost:" + port + path));
	}

	private HttpResponse<String> send(URI uri) throws Exception {
		return browser.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
