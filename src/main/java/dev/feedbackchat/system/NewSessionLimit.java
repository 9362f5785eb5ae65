package dev.feedbackchat.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.feedbackchat.limits.ClientLimits;
import dev.feedbackchat.model.Refused;
import dev.feedbackchat.stream.OtherInstances;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxSwapType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Refuses (429) a request without a session when its address has started too many sessions lately
 * ({@code chat.rate-limit.sessions.per-address}): almost every page makes a session (its CSRF token lives there),
 * so a client that drops its cookie would otherwise make one per request. It runs before anything can make the
 * session, after Spring Session's filter (with {@code chat.cluster.enabled} sessions are in the database; the
 * counts are this instance's). Static files and the actuator neither make sessions nor are limited.
 */
final class NewSessionLimit extends OncePerRequestFilter {

	private final ClientLimits limits;

	private final OtherInstances others;

	private final Rejections rejections;

	private final MessageSource messages;

	private final LocaleResolver locales;

	NewSessionLimit(ClientLimits limits, OtherInstances others, Rejections rejections, MessageSource messages,
			LocaleResolver locales) {
		this.limits = limits;
		this.others = others;
		this.rejections = rejections;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !limits.enabled() || StaticResourcesConfiguration.isStatic(path) || path.startsWith("/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!hasSession(request)) {
			try {
				limits.newSession(request.getRemoteAddr());
			}
			catch (Refused refused) {
				refuse(request, response, refused);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * A session that holds an answer or a stream here is known without reading it (a stream must not read a
	 * session in the database); any other is looked up, as the request would anyway.
	 */
	private boolean hasSession(HttpServletRequest request) {
		return limits.holds(others.requestedSessionId(request)) || request.getSession(false) != null;
	}

	/**
	 * The static error page with the app's security headers (Spring Security's filter comes later), written here: the app's error page would make the very session refused (it
	 * carries a CSRF token). For htmx, the message goes into the page's error region as every error's does.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, Refused refused) throws IOException {
		rejections.count(HttpStatus.TOO_MANY_REQUESTS);
		SecurityHeaders.write(request, response);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
		if (request.getHeader(HtmxRequestHeader.HX_REQUEST.getValue()) != null) {
			// What @HxErrorRegion sets on a handler; a filter has no handler to annotate.
			response.setHeader(HtmxResponseHeader.HX_RETARGET.getValue(), HxErrorRegion.TARGET);
			response.setHeader(HtmxResponseHeader.HX_RESWAP.getValue(), HxSwapType.INNER_HTML.getValue());
			response.setHeader(HtmxResponseHeader.HX_RESELECT.getValue(), HxErrorRegion.MESSAGE);
		}
		response.setContentType("text/html;charset=UTF-8");
		// Before the DispatcherServlet: the application's resolver, asked here.
		Locale locale = locales.resolveLocale(request);
		String html = StaticErrorPage.html(request.getContextPath(), messages.getMessage(refused, locale), messages, locale);
		response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
	}

}
