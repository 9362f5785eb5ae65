package dev.feedbackchat.preferences;


import dev.feedbackchat.ChatWebTest;
import jakarta.servlet.http.Cookie;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** POST /preferences, the cookies it sets, the locale they give, and the form in the pages' header. */
@ChatWebTest
@Import(PreferencesConfiguration.class)
class PreferencesTests {

	@Autowired
	MockMvc mvc;

	@Test
	void savesBothChoicesInCookiesForAYearAndGoesBackWithA303() throws Exception {
		MvcResult result = mvc
			.perform(preferences("de", "dark", "/admin?rating=positive&page=2"))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "/admin?rating=positive&page=2"))
			.andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).satisfiesExactlyInAnyOrder(
				cookie -> assertThat(cookie).startsWith("lang=de; Path=/; Max-Age=31536000; Expires=")
					.endsWith("; HttpOnly; SameSite=Lax"),
				cookie -> assertThat(cookie).startsWith("theme=dark; Path=/; Max-Age=31536000; Expires=")
					.endsWith("; HttpOnly; SameSite=Lax"));
	}

	@Test
	void cookiesAreSecureOverHttps() throws Exception {
		MvcResult result = mvc.perform(preferences("en", "light", "/").secure(true))
			.andExpect(status().isSeeOther())
			.andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).hasSize(2)
			.allSatisfy(cookie -> assertThat(cookie).contains("; Secure; HttpOnly; SameSite=Lax"));
	}

	@Test
	void systemClearsTheThemeCookie() throws Exception {
		MvcResult result = mvc.perform(preferences("en", "system", "/").cookie(new Cookie("theme", "dark")))
			.andExpect(status().isSeeOther())
			.andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).satisfiesExactlyInAnyOrder(
				cookie -> assertThat(cookie).startsWith("lang=en; Path=/; Max-Age=31536000;"),
				cookie -> assertThat(cookie).startsWith("theme=; Path=/; Max-Age=0;").contains("HttpOnly"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/arena", "/arena/leaderboard", "/admin?rating=positive&page=2", "/?show=4",
			"/a%20b", "/messages/12#m-12" })
	void goesBackToALocalPath(String path) throws Exception {
		mvc.perform(preferences("en", "dark", path))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", path));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "//evil.example", "//evil.example/path", "/\\evil.example", "https://evil.example/",
			"http:/evil.example", "javascript:alert(1)", "evil.example", "arena", " /arena", "/a b", "/\r\nSet-Cookie: x=1",
			"/\tevil", "/caf\u00e9" })
	void anythingButALocalPathGoesBackToTheChat(String unsafe) throws Exception {
		mvc.perform(preferences("en", "dark", unsafe))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "/"));
	}

	@Test
	void withoutReturnGoesBackToTheChat() throws Exception {
		mvc.perform(post("/preferences").with(csrf()).param("lang", "en").param("theme", "dark"))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "/"));
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "fr, dark", "EN, dark", "'', dark", "null, dark", "de, blue",
			"de, DARK", "de, ''", "de, null", "null, null" })
	void badValuesAre400WithAMessageAndChangeNothing(String lang, String theme) throws Exception {
		MockHttpServletRequestBuilder request = post("/preferences").with(csrf()).param("return", "/arena");
		if (lang != null) {
			request.param("lang", lang);
		}
		if (theme != null) {
			request.param("theme", theme);
		}
		MvcResult result = mvc.perform(request).andExpect(status().isBadRequest()).andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.select(".alert").text())
			.isEqualTo("Choose English or Deutsch and a theme of System, Light or Dark: nothing was changed.");
		// The error page's own form goes back where this one would have.
		assertThat(page.select("form#preferences input[name=return]").val()).isEqualTo("/arena");
	}

	@Test
	void theMessageOfABadValueIsInTheVisitorsLanguage() throws Exception {
		MvcResult result = mvc.perform(preferences("fr", "dark", "/").cookie(new Cookie("lang", "de")))
			.andExpect(status().isBadRequest())
			.andReturn();
		assertThat(Jsoup.parse(result.getResponse().getContentAsString()).select(".alert").text())
			.startsWith("Wähle English oder Deutsch");
	}

	@Test
	void withoutTheCsrfTokenIs403AndChangesNothing() throws Exception {
		MvcResult result = mvc.perform(post("/preferences").param("lang", "de").param("theme", "dark").param("return", "/"))
			.andExpect(status().isForbidden())
			.andReturn();
		assertThat(result.getResponse().getHeaders("Set-Cookie")).isEmpty();
		mvc.perform(post("/preferences").with(csrf().useInvalidToken()).param("lang", "de").param("theme", "dark"))
			.andExpect(status().isForbidden());
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
			// cookie, Accept-Language, language of the page
			"null, null, en", "null, de, de", "null, 'de-CH, en;q=0.5', de", "null, 'fr, de;q=0.5, en;q=0.9', en",
			"null, fr, en", "null, 'de;q=0, en', en", "null, en_US, en", "null, *, en", "en, de, en", "de, en-US, de",
			"de, null, de", "xx, de, de", "DE, null, en" })
	void theLanguageIsTheCookiesElseTheBestAcceptedElseEnglish(String cookie, String acceptLanguage, String language)
			throws Exception {
		MockHttpServletRequestBuilder request = get("/");
		if (cookie != null) {
			request.cookie(new Cookie("lang", cookie));
		}
		if (acceptLanguage != null) {
			request.header("Accept-Language", acceptLanguage);
		}
		MvcResult result = mvc.perform(request)
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Language", language))
			.andReturn();
		Document page = Jsoup.parse(result.getResponse().getContentAsString());
		assertThat(page.select("#preferences-lang option[selected]").val()).isEqualTo(language);
		assertThat(page.select("label[for=preferences-lang]").text()).isEqualTo(language.equals("de") ? "Sprache" : "Language");
	}

	@Test
	void theFormShowsTheCurrentChoicesAndThisPageAsReturn() throws Exception {
		Document page = page(get("/?show=4").cookie(new Cookie("theme", "dark"), new Cookie("lang", "de")));
		Element form = page.selectFirst("header.topbar form#preferences[method=post][action=/preferences]");
		assertThat(form).isNotNull();
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(form.select("input[type=hidden][name=return]").val()).isEqualTo("/?show=4");
		assertThat(form.select("#preferences-lang option")).extracting(option -> option.attr("value"),
				option -> option.attr("lang"), Element::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("en", "en", "English"),
					org.assertj.core.groups.Tuple.tuple("de", "de", "Deutsch"));
		assertThat(form.select("#preferences-lang option[selected]").val()).isEqualTo("de");
		assertThat(form.select("#preferences-theme option")).extracting(option -> option.attr("value"))
			.containsExactly("system", "light", "dark");
		assertThat(form.select("#preferences-theme option")).extracting(Element::text)
			.containsExactly("System", "Hell", "Dunkel");
		assertThat(form.select("#preferences-theme option[selected]").val()).isEqualTo("dark");
		assertThat(form.select("label[for=preferences-theme]").text()).isEqualTo("Design");
		assertThat(form.select("button[type=submit]").text()).isEqualTo("Anwenden");
		// Applied with the button, never on change (WCAG 3.2.2), and no inline script or style (CSP).
		assertThat(form.select("[onchange], [hx-trigger], [style]")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null, system", "light, light", "dark, dark", "blue, system" })
	void theThemeSelectFollowsTheCookie(String cookie, String selected) throws Exception {
		MockHttpServletRequestBuilder request = get("/");
		if (cookie != null) {
			request.cookie(new Cookie("theme", cookie));
		}
		Document page = page(request);
		assertThat(page.select("#preferences-theme option[selected]").val()).isEqualTo(selected);
		assertThat(page.select("label[for=preferences-lang]").text()).isEqualTo("Language");
		assertThat(page.select("#preferences-theme option[selected]").text())
			.isEqualTo(Character.toUpperCase(selected.charAt(0)) + selected.substring(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/admin/login", "/conversation/delete" })
	void everyPageHasTheForm(String path) throws Exception {
		assertThat(page(get(path)).select("form#preferences select[name=lang], form#preferences select[name=theme]"))
			.hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/admin", "/admin/deliveries", "/admin/audit" })
	void everyAdminPageHasTheForm(String path) throws Exception {
		Document page = page(get(path).with(user("admin").roles("ADMIN")));
		assertThat(page.select("header.topbar form#preferences")).hasSize(1);
		assertThat(page.select("form#preferences input[name=return]").val()).isEqualTo(path);
	}

	private Document page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
		return Jsoup.parse(result.getResponse().getContentAsString());
	}

	private static MockHttpServletRequestBuilder preferences(String lang, String theme, String returnTo) {
		return post("/preferences").with(csrf()).param("lang", lang).param("theme", theme).param("return", returnTo);
	}


}
