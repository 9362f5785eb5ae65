package dev.feedbackchat.preferences;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What every page, error pages included, is told about the preferences. */
class PreferencesFilterTests {

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null, null", "light, light", "dark, dark", "system, null", "blue, null" })
	void theThemeAttributeIsTheCookiesLightOrDarkElseAbsent(String cookie, String theme) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		if (cookie != null) {
			request.setCookies(new Cookie("theme", cookie));
		}
		filter(request);
		assertThat(request.getAttribute("theme")).isEqualTo(theme);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = {
			// method, context path, request URI, query, return
			"GET, '', /, null, /", "GET, '', /admin/audit, page=2, /admin/audit?page=2", "HEAD, '', /arena, null, /arena",
			"GET, /chat, /chat/arena/leaderboard, null, /arena/leaderboard", "GET, /chat, /chat, null, /",
			"POST, '', /admin/login, null, /", "POST, '', /preferences, null, /", "GET, '', //evil.example, null, /" })
	void returnToIsThisPageInTheAppAfterAGetElseTheChat(String method, String contextPath, String uri, String query,
			String returnTo) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
		request.setContextPath(contextPath);
		request.setQueryString(query);
		filter(request);
		assertThat(request.getAttribute("returnTo")).isEqualTo(returnTo);
	}

	@Test
	void onAnErrorDispatchReturnToIsTheFailedRequestsPage() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/admin/nothing-here");
		request.setCookies(new Cookie("theme", "dark"));
		filter(request);
		assertThat(request.getAttribute("returnTo")).isEqualTo("/admin/nothing-here");
		assertThat(request.getAttribute("theme")).isEqualTo("dark");
	}

	@Test
	void anErrorDispatchKeepsWhatTheRequestWasGiven() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
		request.setDispatcherType(DispatcherType.ERROR);
		request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/arena");
		request.setAttribute("returnTo", "/arena?x=1");
		filter(request);
		assertThat(request.getAttribute("returnTo")).isEqualTo("/arena?x=1");
	}

	private static void filter(MockHttpServletRequest request) throws Exception {
		new PreferencesFilter().doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
	}

}
