package dev.feedbackchat.system;

import java.util.Map;

import dev.feedbackchat.model.Refused;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses (400) every request with a NUL character (U+0000) in a parameter's name or value, query or form field,
 * before any handler reads it: no text a person types holds one, and passed on it would be stored, echoed into
 * pages (the dashboard's filters) or cut short by other software. Thrown before the handler runs, the refusal goes
 * through the one advice like any other: the error page, or the error region for htmx, counted as rejected.
 * Parameters come from the query string and form-urlencoded bodies only: the servlet container parses no other
 * body for them. A name with any other control character is refused the same way, as Spring Security's firewall
 * rejects it when the names are read.
 */
@Component
class NulCharacters implements HandlerInterceptor, WebMvcConfigurer {

	static final String MESSAGE = "refused.request.nul";

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			// The error page of a refused request: its parameters were checked, or could not be read at all.
			return true;
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (RequestRejectedException ex) {
			// Spring Security's firewall checks the names as they are read: no control character, NUL among them.
			throw Refused.invalid(MESSAGE);
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (hasNul(parameter.getKey())) {
				throw Refused.invalid(MESSAGE);
			}
			for (String value : parameter.getValue()) {
				if (hasNul(value)) {
					throw Refused.invalid(MESSAGE);
				}
			}
		}
		return true;
	}

	private static boolean hasNul(String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

}
