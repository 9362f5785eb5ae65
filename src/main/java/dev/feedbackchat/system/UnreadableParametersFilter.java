package dev.feedbackchat.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a request's parameters (query string, form body) before anything else does, and refuses the request
 * when Tomcat cannot: bytes that are not UTF-8 ({@code ?x=%FF}) are a 400, a form over
 * {@code server.tomcat.max-http-form-post-size} a 413. Tomcat throws such errors from whichever
 * {@code getParameter} call comes first, be it in a controller or in a filter (the CSRF filter reads
 * {@code _csrf}), and an exception escaping there was logged as an ERROR with its stack trace and counted as a
 * 500. Here it is one WARN line and a {@code sendError}, so the error page and the metrics show the real status.
 */
class UnreadableParametersFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(UnreadableParametersFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (InvalidParameterException ex) {
			log.warn("Refused {} {} with parameters that cannot be read ({}): {}", request.getMethod(),
					request.getRequestURI(), ex.getErrorCode(), ex.getMessage());
			response.sendError(ex.getErrorCode());
			return;
		}
		chain.doFilter(request, response);
	}

}
