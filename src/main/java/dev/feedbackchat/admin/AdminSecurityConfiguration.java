package dev.feedbackchat.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponseHeader;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.View;

import dev.feedbackchat.admin.SignInDetails.Via;

/**
 * Form login for everything under {@code /admin}, HTTP Basic with the same account for the Actuator
 * endpoints but health; the chat's own filter chain (permitAll) serves the rest.
 * The CSP and the refused-request page come from the shared customizer in SecurityConfiguration. Both chains
 * throttle failed sign-ins ({@link SignInThrottle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SignInProperties.class, OidcProperties.class })
public class AdminSecurityConfiguration {

	static final String LOGIN_PAGE = "/admin/login";

	private static final RequestMatcher LOGIN_FORM = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, LOGIN_PAGE);

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

	/** The providers of OpenID Connect sign-in; none unless chat.admin.oidc.enabled. */
	@Bean
	OidcSignIn oidcSignIn(OidcProperties properties, ObjectProvider<ClientRegistrationRepository> registrations) {
		return new OidcSignIn(properties, properties.enabled() ? registrations.getIfAvailable() : null);
	}

	/**
	 * Spring Security's events of every sign-in (form, Basic, OpenID Connect), as Spring Boot would publish them,
	 * and for an OpenID Connect sign-in that failed (refused by the provider, or a user who is not allowed)
	 * {@link OidcSignInRefused}, which Spring Security would not publish.
	 */
	@Bean
	AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
		DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
		// Looked up by the exception's exact class: the refusal of a user who is not allowed is a subclass.
		events.setAdditionalExceptionMappings(Map.of(OAuth2AuthenticationException.class, OidcSignInRefused.class,
				AllowedAdmins.NotAllowed.class, OidcSignInRefused.class));
		return events;
	}

	/** The system clock unless the context has one (tests set the time). */
	@Bean
	SignInThrottle signInThrottle(SignInProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
		return new SignInThrottle(properties, clock.getIfUnique(Clock::systemUTC), meters);
	}

	/**
	 * Health is public (load balancers, orchestrators probe it); metrics need the admin account, over HTTP
	 * Basic so that a Prometheus scraper can sign in.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain actuatorSecurity(HttpSecurity http, SignInThrottle throttle) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole("ADMIN"))
			.httpBasic(basic -> basic.authenticationDetailsSource(Via.BASIC::details))
			.addFilterBefore(new SignInThrottleFilter(throttle, Via.BASIC, AdminSecurityConfiguration::basicUserName,
					AdminSecurityConfiguration::plainRefusal), BasicAuthenticationFilter.class)
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain adminSecurity(HttpSecurity http, SignInThrottle throttle,
			ObjectProvider<ThymeleafViewResolver> views, OidcSignIn oidc, OidcProperties oidcProperties,
			ObjectProvider<ClientRegistrationRepository> registrations, ObjectProvider<LocaleResolver> locales,
			MessageSource messages) throws Exception {
		// After login, back to the page asked for, without the "?continue" marker in its (shareable) URL.
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		SavedRequestAwareAuthenticationSuccessHandler backToPage = new SavedRequestAwareAuthenticationSuccessHandler();
		backToPage.setDefaultTargetUrl("/admin");
		backToPage.setRequestCache(requestCache);
		backToPage.setRedirectStrategy(new LocalRedirectStrategy());
		if (oidc.enabled()) {
			// Spring Security's own paths of the OpenID Connect flow, so that providers keep their usual redirect URI.
			http.securityMatcher("/admin/**", OidcSignIn.AUTHORIZATION + "*", OidcSignIn.CALLBACK + "*")
				.oauth2Login(login -> login.loginPage(LOGIN_PAGE)
					.authorizationEndpoint(start -> start.authorizationRequestResolver(knownProviders(registrations)))
					.userInfoEndpoint(userInfo -> userInfo.oidcUserService(new AllowedAdmins(oidcProperties)))
					.authenticationDetailsSource(Via.OIDC::details)
					.successHandler(backToPage)
					.failureHandler(oidcFailure(views, locales)));
		}
		else {
			http.securityMatcher("/admin/**");
		}
		http.authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
			.formLogin(form -> form.loginPage(LOGIN_PAGE)
				.successHandler(backToPage)
				.authenticationDetailsSource(Via.FORM::details)
				.permitAll())
			.addFilterBefore(new SignInThrottleFilter(throttle, Via.FORM, AdminSecurityConfiguration::formUserName,
					loginPageRefusal(views, locales, messages)), UsernamePasswordAuthenticationFilter.class)
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

	/** The user name a login form posts, trimmed as UsernamePasswordAuthenticationFilter does. */
	private static Optional<String> formUserName(HttpServletRequest request) {
		if (!LOGIN_FORM.matches(request)) {
			return Optional.empty();
		}
		String userName = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		return Optional.of(userName == null ? "" : userName.trim());
	}

	/** The user name of a Basic Authorization header; a malformed one still counts against its address. */
	private static Optional<String> basicUserName(HttpServletRequest request) {
		try {
			UsernamePasswordAuthenticationToken credentials = new BasicAuthenticationConverter().convert(request);
			return Optional.ofNullable(credentials).map(UsernamePasswordAuthenticationToken::getName);
		}
		catch (BadCredentialsException ex) {
			return Optional.of("");
		}
	}

	/**
	 * The language of a page rendered here, outside the dispatcher: what the application's locale resolver says, as
	 * for every other page.
	 */
	private static Locale locale(ObjectProvider<LocaleResolver> locales, HttpServletRequest request) {
		LocaleResolver resolver = locales.getIfAvailable();
		return resolver != null ? resolver.resolveLocale(request) : request.getLocale();
	}

	/** The login page again, with 429 and the time to wait instead of the form's usual error. */
	private static SignInThrottleFilter.Refusal loginPageRefusal(ObjectProvider<ThymeleafViewResolver> views,
			ObjectProvider<LocaleResolver> locales, MessageSource messages) {
		return (request, response, seconds) -> {
			try {
				Locale locale = locale(locales, request);
				View page = views.getObject().resolveViewName("admin/login", locale);
				page.render(Map.of("throttled", messages.getMessage(SignInThrottleFilter.message(seconds), locale)),
						request, response);
			}
			catch (Exception ex) {
				throw new ServletException("Could not render the login page", ex);
			}
		};
	}

	/**
	 * Spring Security's resolver, except that an unknown registration id is no authorization request (the path then
	 * is an unknown page) rather than a 500.
	 */
	private static OAuth2AuthorizationRequestResolver knownProviders(
			ObjectProvider<ClientRegistrationRepository> registrations) {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations.getObject(), OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		return new OAuth2AuthorizationRequestResolver() {
			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				try {
					return resolver.resolve(request);
				}
				catch (IllegalArgumentException unknown) {
					return null;
				}
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				try {
					return resolver.resolve(request, registrationId);
				}
				catch (IllegalArgumentException unknown) {
					return null;
				}
			}
		};
	}

	/**
	 * A user the provider signed in but who is not allowed gets 403 and a page that says so; any other failure
	 * (the provider refused, the user cancelled) goes back to the login page with a message.
	 */
	private static AuthenticationFailureHandler oidcFailure(ObjectProvider<ThymeleafViewResolver> views,
			ObjectProvider<LocaleResolver> locales) {
		SimpleUrlAuthenticationFailureHandler toLogin = new SimpleUrlAuthenticationFailureHandler(
				LOGIN_PAGE + "?oidc-error");
		toLogin.setRedirectStrategy(new LocalRedirectStrategy());
		return (request, response, exception) -> {
			if (!(exception instanceof OAuth2AuthenticationException refused)
					|| !AllowedAdmins.NOT_ALLOWED.equals(refused.getError().getUri())) {
				toLogin.onAuthenticationFailure(request, response, exception);
				return;
			}
			try {
				response.setStatus(HttpServletResponse.SC_FORBIDDEN);
				View page = views.getObject().resolveViewName("admin/not-allowed", locale(locales, request));
				Map<String, Object> model = new HashMap<>();
				model.put("account", refused instanceof AllowedAdmins.NotAllowed notAllowed ? notAllowed.account() : null);
				page.render(model, request, response);
			}
			catch (Exception ex) {
				throw new ServletException("Could not render the refusal page", ex);
			}
		};
	}

	/** For a scraper: the message as plain text. */
	private static void plainRefusal(HttpServletRequest request, HttpServletResponse response, long seconds)
			throws IOException {
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter().write(SignInThrottleFilter.message(seconds).getDefaultMessage());
	}

}
