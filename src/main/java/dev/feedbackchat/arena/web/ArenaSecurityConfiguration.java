package dev.feedbackchat.arena.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * With {@code chat.arena.leaderboard-public=false}, the leaderboard is the admin's only: a chain just for it,
 * ahead of the chat's open one, that sends anonymous visitors to the admin login page and, signed in, back here
 * (the admin chain's request cache is the same session attribute, without a "?continue" marker). Public (the
 * default), there is no such chain and the chat's permitAll chain serves it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
class ArenaSecurityConfiguration {

	/** The admin's login page (AdminSecurityConfiguration), not referenced to keep arena out of admin. */
	static final String LOGIN_PAGE = "/admin/login";

	@Bean
	@Order(2)
	@ConditionalOnProperty(name = "chat.arena.leaderboard-public", havingValue = "false")
	SecurityFilterChain arenaLeaderboardSecurity(HttpSecurity http) throws Exception {
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
		login.setFavorRelativeUris(true);
		http.securityMatcher(LeaderboardController.PATH)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMIN"))
			.requestCache(cache -> cache.requestCache(requestCache))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(login));
		return http.build();
	}
}
