package dev.feedbackchat.preferences;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells every page what the header's preferences form needs, as request attributes (templates read them as
 * {@code ${theme}} and {@code ${returnTo}}): the chosen theme, and the path to come back to. It runs on error
 * dispatches too, so the error page of a request that was refused before this filter ran has them as well.
 */
class PreferencesFilter extends OncePerRequestFilter {

	/** {@code light} or {@code dark}, or absent when the page follows the system's mode. */
	static final String THEME = "theme";

	/** The path and query of this page, for the form's {@code return}. */
	static final String RETURN_TO = "returnTo";

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getAttribute(RETURN_TO) == null) {
			PreferenceCookies.theme(request).ifPresent(theme -> request.setAttribute(THEME, theme.id()));
			request.setAttribute(RETURN_TO, returnTo(request));
		}
		chain.doFilter(request, response);
	}

	/**
	 * This page's address within the app (the failed request's on an error dispatch); "/" after a POST or other
	 * request that a browser cannot simply load again.
	 */
	static String returnTo(HttpServletRequest request) {
		String method = request.getMethod();
		if (!HttpMethod.GET.matches(method) && !HttpMethod.HEAD.matches(method)) {
			return "/";
		}
		String uri = request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original ? original
						: request.getRequestURI();
		String contextPath = request.getContextPath();
		String path = uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
		String query = request.getQueryString();
		return LocalPath.of(query == null ? path : path + "?" + query).orElse("/");
	}

}
