package dev.feedbackchat.admin;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.util.StringUtils;

/**
 * Form login for everything under {@code /admin}, HTTP Basic with the same account for the Actuator
 * endpoints but health; the chat's own filter chain (permitAll) serves the rest.
 * The CSP and the refused-request page come from the shared customizer in SecurityConfiguration.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

	static final String LOGIN_PAGE = "/admin/login";

	private static final Logger log = LoggerFactory.getLogger(AdminSecurityConfiguration.class);

	/** An id prefix such as {bcrypt} marks a password that is already encoded. */
	private static final Pattern ENCODED = Pattern.compile("^\\{[^}]+}.+");

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Its presence also makes Spring Boot's default user (with its own generated password) back off. */
	@Bean
	UserDetailsService adminUser(AdminProperties properties, PasswordEncoder encoder) {
		if (!StringUtils.hasText(properties.username())) {
			throw new IllegalStateException("chat.admin.username must not be empty");
		}
		String password = properties.password();
		if (!StringUtils.hasText(password)) {
			password = randomPassword();
			log.warn("Generated admin password (set chat.admin.password to choose one): {}", password);
		}
		return new InMemoryUserDetailsManager(User.withUsername(properties.username())
			.password(encoded(password, encoder))
			.roles("ADMIN")
			.build());
	}

	private static String encoded(String password, PasswordEncoder encoder) {
		if (!ENCODED.matcher(password).matches()) {
			return encoder.encode(password);
		}
		try {
			// Fails now, not at the first login, when no encoder is known for the prefix.
			encoder.matches("probe", password);
			return password;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("chat.admin.password looks encoded but its {id} prefix is unknown: "
					+ ex.getMessage(), ex);
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Health is public (load balancers, orchestrators probe it); metrics need the admin account, over HTTP
	 * Basic so that a Prometheus scraper can sign in.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(Customizer.withDefaults())
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminSecurity(HttpSecurity http) throws Exception {
		// After login, back to the page asked for, without the "?continue" marker in its (shareable) URL.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		SavedRequestAwareAuthenticationSuccessHandler backToPage = new SavedRequestAwareAuthenticationSuccessHandler();
		backToPage.setDefaultTargetUrl("/admin");
		backToPage.setRequestCache(requestCache);
		backToPage.setRedirectStrategy(new LocalRedirectStrategy());
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
			.formLogin(form -> form.loginPage(LOGIN_PAGE).successHandler(backToPage).permitAll())
			.logout(logout -> logout.logoutUrl("/admin/logout").permitAll())
			.requestCache(cache -> cache.requestCache(requestCache))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginEntryPoint()));
		return http.build();
	}

	/**
	 * Anonymous requests go to the login page. An htmx request (a filter change after the session expired)
	 * would swap the login page into the dashboard, so it gets a 401 whose HX-Redirect loads it as a page.
	 */
	private static AuthenticationEntryPoint loginEntryPoint() {
		LoginUrlAuthenticationEntryPoint redirect = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
		redirect.setFavorRelativeUris(true); // not a URL made of the request's Host header
		return (request, response, exception) -> {
			if ("true".equals(request.getHeader(HtmxRequestHeader.HX_REQUEST.getValue()))) {
				response.setHeader(HtmxResponseHeader.HX_REDIRECT.getValue(), request.getContextPath() + LOGIN_PAGE);
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				redirect.commence(request, response, exception);
			}
		};
	}

}
