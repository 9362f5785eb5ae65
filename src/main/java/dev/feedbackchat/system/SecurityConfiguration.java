package dev.feedbackchat.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/** No inline script or style anywhere; htmx runs without eval (see the htmx-config meta tag). */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * What every filter chain shares (Spring Security applies {@code Customizer<HttpSecurity>} beans to each):
	 * the security headers ({@link SecurityHeaders}, also written on error pages) and the page for refused
	 * requests. CSRF protection stays on (the default) for every POST; forms carry the token as a hidden field
	 * and htmx requests as a header (the hx: dialect adds it).
	 */
	@Bean
	Customizer<HttpSecurity> sharedSecurity() {
		return http -> http.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(accessDeniedHandler()))
			.headers(headers -> {
				headers.defaultsDisabled();
				SecurityHeaders.WRITERS.forEach(headers::addHeaderWriter);
			});
	}

	/**
	 * No observation of each request's passage through the filter chains: the request itself is observed
	 * ({@code http.server.requests}); wrapping each of a dozen filters per request cost more than it told.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** The chat, open to everyone. Chains with a narrower matcher (the admin's) come first. */
	@Bean
	SecurityFilterChain chatSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * A refused POST (missing or stale CSRF token) is forwarded to the error page of {@link DeniedController},
	 * HTML whatever the Accept header; for htmx just its message goes into the page's error region, like every
	 * other error.
	 */
	private static AccessDeniedHandler accessDeniedHandler() {
		AccessDeniedHandlerImpl errorPage = new AccessDeniedHandlerImpl();
		errorPage.setErrorPage(DeniedController.PATH);
		return errorPage;
	}

}
