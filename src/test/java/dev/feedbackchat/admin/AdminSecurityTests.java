package dev.feedbackchat.admin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.feedbackchat.ChatWebTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AdminSecurityTests {

	/** The password the test configuration sets (src/test/resources/config/application.yml). */
	static final String PASSWORD = "test-admin-password";

	@Nested
	@ChatWebTest
	class FormLogin {

		@Autowired
		MockMvc mvc;

		@ParameterizedTest
		@ValueSource(strings = { "/admin", "/admin/", "/admin?rating=positive", "/admin/export.csv",
				"/admin/export.jsonl", "/admin/export-kto.jsonl", "/admin/export-dpo.jsonl", "/admin/export-battles.jsonl",
				"/admin/anything-else" })
		void anonymousRequestsGoToTheLoginPage(String path) throws Exception {
			mvc.perform(get(path)).andExpect(status().isFound()).andExpect(redirectedUrl("/admin/login"));
		}

		@Test
		void anonymousHtmxRequestGetsA401ThatLoadsTheLoginPageAsAWholePage() throws Exception {
			mvc.perform(get("/admin").header("HX-Request", "true").param("rating", "positive"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("HX-Redirect", "/admin/login"));
		}

		@Test
		void theChatStaysOpenToEveryone() throws Exception {
			mvc.perform(get("/")).andExpect(status().isOk()).andExpect(unauthenticated());
		}

		@Test
		void loginPageIsPublicWithCsrfFieldAndNoInlineStyleOrScript() throws Exception {
			MvcResult result = mvc.perform(get("/admin/login"))
				.andExpect(status().isOk())
				.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
				.andReturn();
			Document page = Jsoup.parse(result.getResponse().getContentAsString());
			assertThat(page.select("form[method=post][action=/admin/login] input[name=_csrf]")).hasSize(1);
			assertThat(page.select("input#username[autocomplete=username]")).hasSize(1);
			assertThat(page.select("input#password[type=password][autocomplete=current-password]")).hasSize(1);
			assertThat(page.select("[style], style, script:not([src])")).isEmpty();
			assertThat(page.select(".alert")).isEmpty();
			assertThat(page.select("header.topbar h1").text()).isEqualTo("Feedback Chat admin");
			assertThat(page.select("header.topbar a[href=/]").text()).isEqualTo("Chat");
		}

		@Test
		void wrongPasswordIsRefusedWithAMessage() throws Exception {
			mvc.perform(formLogin("/admin/login").user("admin").password("not-the-password"))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/admin/login?error"))
				.andExpect(unauthenticated());
			String page = mvc.perform(get("/admin/login").param("error", "")).andReturn().getResponse().getContentAsString();
			assertThat(Jsoup.parse(page).select(".alert").text()).isEqualTo("Wrong username or password.");
		}

		@Test
		void wrongUsernameIsRefused() throws Exception {
			mvc.perform(formLogin("/admin/login").user("root").password(PASSWORD))
				.andExpect(redirectedUrl("/admin/login?error"))
				.andExpect(unauthenticated());
		}

		@Test
		void rightPasswordSignsInAsAdminAndOpensTheDashboard() throws Exception {
			MvcResult login = mvc.perform(formLogin("/admin/login").user("admin").password(PASSWORD))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/admin"))
				.andExpect(authenticated().withUsername("admin").withRoles("ADMIN"))
				.andReturn();
			MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
			mvc.perform(get("/admin").session(session)).andExpect(status().isOk());
		}

		@Test
		void afterLoginTheRequestedExportFollows() throws Exception {
			MockHttpSession session = new MockHttpSession();
			mvc.perform(get("/admin/export.csv?rating=negative").session(session))
				.andExpect(redirectedUrl("/admin/login"));
			String next = mvc
				.perform(post("/admin/login").session(session).with(csrf()).param("username", "admin").param("password", PASSWORD))
				.andExpect(status().isFound())
				.andReturn()
				.getResponse()
				.getRedirectedUrl();
			assertThat(next).endsWith("/admin/export.csv?rating=negative");
		}

		@Test
		void loginWithoutCsrfTokenIsRefused() throws Exception {
			mvc.perform(post("/admin/login").param("username", "admin").param("password", PASSWORD))
				.andExpect(status().isForbidden())
				.andExpect(unauthenticated());
			mvc.perform(post("/admin/login").param("username", "admin")
				.param("password", PASSWORD)
				.with(csrf().useInvalidToken()))
				.andExpect(status().isForbidden())
				.andExpect(unauthenticated());
		}

		@Test
		void logoutNeedsPostWithCsrfToken() throws Exception {
			MockHttpSession session = (MockHttpSession) mvc.perform(formLogin("/admin/login").user("admin").password(PASSWORD))
				.andReturn()
				.getRequest()
				.getSession();

			mvc.perform(post("/admin/logout").session(session)).andExpect(status().isForbidden());
			mvc.perform(get("/admin").session(session)).andExpect(status().isOk()).andExpect(authenticated());

			mvc.perform(post("/admin/logout").session(session).with(csrf()))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/admin/login?logout"))
				.andExpect(unauthenticated());
			mvc.perform(get("/admin").session(session)).andExpect(redirectedUrl("/admin/login"));
			String page = mvc.perform(get("/admin/login").param("logout", "")).andReturn().getResponse().getContentAsString();
			assertThat(Jsoup.parse(page).select(".notice").text()).isEqualTo("You have signed out.");
		}

		@Test
		void dashboardHasASignOutFormWithCsrfToken() throws Exception {
			String page = mvc.perform(get("/admin").with(user("admin").roles("ADMIN")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(Jsoup.parse(page).select("form[method=post][action=/admin/logout] input[name=_csrf]")).hasSize(1);
		}

		@Test
		void aSignedInUserWithoutTheAdminRoleIsRefused() throws Exception {
			mvc.perform(get("/admin").with(user("someone").roles("USER"))).andExpect(status().isForbidden());
		}

	}

	@Nested
	@ChatWebTest
	@TestPropertySource(properties = { "chat.admin.username=boss",
			// "s3cret", encoded: a password can be configured without writing it down in plain text
			"chat.admin.password={bcrypt}$2a$10$LlqUsyVQ6gfBvnIXyAgu3udXbr.TcFvStyJ/eyAeg8WTaQn7dcCdO" })
	class EncodedPassword {

		@Autowired
		MockMvc mvc;

		@Test
		void anEncodedPasswordIsUsedAsIs() throws Exception {
			mvc.perform(formLogin("/admin/login").user("boss").password("s3cret"))
				.andExpect(redirectedUrl("/admin"))
				.andExpect(authenticated().withUsername("boss"));
			mvc.perform(formLogin("/admin/login").user("boss")
				.password("{bcrypt}$2a$10$LlqUsyVQ6gfBvnIXyAgu3udXbr.TcFvStyJ/eyAeg8WTaQn7dcCdO"))
				.andExpect(unauthenticated());
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	@ChatWebTest
	@TestPropertySource(properties = "chat.admin.password=")
	class GeneratedPassword {

		static final Pattern LOGGED = Pattern.compile(
				"WARN .* Generated admin password \\(set chat\\.admin\\.password to choose one\\): (\\S+)");

		@Autowired
		MockMvc mvc;

		@Test
		void withoutAPasswordOneIsGeneratedAndLoggedOnceAndItWorks(CapturedOutput output) throws Exception {
			Matcher logged = LOGGED.matcher(output.getOut());
			assertThat(logged.find()).as("the generated password in the log:%n%s", output).isTrue();
			String password = logged.group(1);
			assertThat(logged.find()).as("logged once").isFalse();
			assertThat(password).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(PASSWORD);

			mvc.perform(formLogin("/admin/login").user("admin").password(password))
				.andExpect(redirectedUrl("/admin"))
				.andExpect(authenticated().withUsername("admin"));
			mvc.perform(formLogin("/admin/login").user("admin").password("")).andExpect(unauthenticated());
		}

	}

	@Nested
	class Settings {

		final AdminSecurityConfiguration configuration = new AdminSecurityConfiguration();

		final PasswordEncoder encoder = configuration.passwordEncoder();

		@Test
		void aPlainPasswordIsStoredEncoded() {
			String stored = configuration.adminUser(new AdminProperties("admin", "plain"), encoder)
				.loadUserByUsername("admin")
				.getPassword();
			assertThat(stored).startsWith("{bcrypt}");
			assertThat(encoder.matches("plain", stored)).isTrue();
		}

		@Test
		void anEncodedPasswordWithAnUnknownPrefixStopsTheStart() {
			assertThatIllegalStateException()
				.isThrownBy(() -> configuration.adminUser(new AdminProperties("admin", "{rot13}frperg"), encoder))
				.withMessageContaining("chat.admin.password");
		}

		@Test
		void anEmptyUsernameStopsTheStart() {
			assertThatIllegalStateException()
				.isThrownBy(() -> configuration.adminUser(new AdminProperties(" ", "x"), encoder))
				.withMessageContaining("chat.admin.username");
		}

	}

}
