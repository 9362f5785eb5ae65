package dev.feedbackchat.admin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admin sign-in with OpenID Connect, beside the form (README, "OpenID Connect"). The providers are Spring Boot's
 * {@code spring.security.oauth2.client.registration.*} and {@code provider.*}.
 *
 * @param enabled       {@code chat.admin.oidc.enabled}
 * @param allowedEmails {@code chat.admin.oidc.allowed-emails}: a signed-in user with one of these (verified)
 *                      e-mail addresses is the admin; case is ignored
 * @param allowedGroups {@code chat.admin.oidc.allowed-groups}: so is one with one of these groups
 * @param groupsClaim   {@code chat.admin.oidc.groups-claim}: the claim (of the ID token or user info) listing them
 */
@ConfigurationProperties("chat.admin.oidc")
public record OidcProperties(boolean enabled, @DefaultValue List<String> allowedEmails,
		@DefaultValue List<String> allowedGroups, @DefaultValue("groups") String groupsClaim) {
}
