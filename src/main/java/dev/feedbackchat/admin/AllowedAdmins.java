package dev.feedbackchat.admin;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who of the users an OpenID Connect provider signs in is the admin: one with an allowed e-mail address (unless the
 * provider says it is not verified) or in an allowed group. The admin gets ROLE_ADMIN; anyone else's sign-in fails
 * with {@code access_denied}, which the admin's chain answers with 403.
 */
final class AllowedAdmins implements OAuth2UserService<OidcUserRequest, OidcUser> {

	static final String ROLE = "ROLE_ADMIN";

	/** Marks the refusal of a user who is not allowed (the error's URI), as against the provider's own errors. */
	static final String NOT_ALLOWED = "urn:feedback-chat:admin-not-allowed";

	private final OidcUserService users = new OidcUserService();

	private final Set<String> emails;

	private final Set<String> groups;

	private final String groupsClaim;

	AllowedAdmins(OidcProperties properties) {
		this.emails = properties.allowedEmails()
			.stream()
			.map(String::strip)
			.filter(email -> !email.isEmpty())
			.map(email -> email.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.groups = properties.allowedGroups()
			.stream()
			.map(String::strip)
			.filter(group -> !group.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.groupsClaim = properties.groupsClaim();
		if (emails.isEmpty() && groups.isEmpty()) {
			throw new IllegalStateException(
					"chat.admin.oidc.enabled needs chat.admin.oidc.allowed-emails or chat.admin.oidc.allowed-groups");
		}
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = users.loadUser(request);
		if (!allowed(user)) {
			String who = user.getEmail() != null ? user.getEmail() : user.getSubject();
			throw new NotAllowed(who);
		}
		String name = user.getEmail() != null ? "email" : "sub";
		return new DefaultOidcUser(List.of(new SimpleGrantedAuthority(ROLE)), user.getIdToken(), user.getUserInfo(),
				name);
	}

	/**
	 * The refusal of a user who is not allowed, naming the account for the page that says so (in the visitor's
	 * language); its description, in English, is for the logs and the audit.
	 */
	static final class NotAllowed extends OAuth2AuthenticationException {

		private static final long serialVersionUID = 1L;

		private final String account;

		NotAllowed(String account) {
			super(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED,
					"The account " + account + " is not allowed to use the admin pages.", NOT_ALLOWED));
			this.account = account;
		}

		String account() {
			return account;
		}

	}

	boolean allowed(OidcUser user) {
		String email = user.getEmail();
		if (email != null && !Boolean.FALSE.equals(user.getEmailVerified())
				&& emails.contains(email.toLowerCase(Locale.ROOT))) {
			return true;
		}
		Object claimed = user.getClaims().get(groupsClaim);
		if (claimed instanceof Collection<?> list) {
			return list.stream().anyMatch(group -> group != null && groups.contains(group.toString()));
		}
		return claimed instanceof String group && groups.contains(group);
	}

}
