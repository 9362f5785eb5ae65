package dev.feedbackchat.admin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The OpenID Connect providers the login page offers beside its form: none unless {@code chat.admin.oidc.enabled}.
 * Each starts at Spring Security's {@code /oauth2/authorization/<registration id>} and comes back to
 * {@code /login/oauth2/code/<registration id>}, the redirect URI providers are told by default.
 */
final class OidcSignIn {

	static final String AUTHORIZATION = "/oauth2/authorization/";

	static final String CALLBACK = "/login/oauth2/code/";

	/** A link of the login page: "Sign in with {@code name}". */
	record Provider(String name, String path) {
	}

	private final List<Provider> providers;

	OidcSignIn(OidcProperties properties, ClientRegistrationRepository registrations) {
		List<Provider> found = new ArrayList<>();
		if (properties.enabled()) {
			if (!(registrations instanceof Iterable<?> all)) {
				throw new IllegalStateException("chat.admin.oidc.enabled needs a provider: "
						+ "spring.security.oauth2.client.registration.<id>.* (README, \"OpenID Connect\")");
			}
			for (Object each : all) {
				ClientRegistration registration = (ClientRegistration) each;
				found.add(new Provider(registration.getClientName(), AUTHORIZATION + registration.getRegistrationId()));
			}
			if (found.isEmpty()) {
				throw new IllegalStateException("chat.admin.oidc.enabled but no provider is registered");
			}
		}
		this.providers = List.copyOf(found);
	}

	boolean enabled() {
		return !providers.isEmpty();
	}

	List<Provider> providers() {
		return providers;
	}

}
