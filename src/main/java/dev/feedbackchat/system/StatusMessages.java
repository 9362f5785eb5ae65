package dev.feedbackchat.system;

import java.util.Set;

/**
 * The message code (messages.properties, {@code status.*}) of the short message the error page shows for a status
 * that comes without one of its own: errors of Spring MVC, Spring Security's firewall and Tomcat (a malformed
 * address, a request too large, an unsupported method).
 */
final class StatusMessages {

	private static final Set<Integer> OWN = Set.of(400, 401, 403, 404, 405, 408, 413, 414, 415, 431, 503);

	private StatusMessages() {
	}

	static String of(int status) {
		if (OWN.contains(status)) {
			return "status." + status;
		}
		return status < 500 ? "status.refused" : "status.failed";
	}

}
