package dev.feedbackchat.system;

/**
 * The message code (messages.properties) of the short message the error page shows for a status that comes without
 * one of its own: errors of Spring MVC, Spring Security's firewall and Tomcat (a malformed address, a request too
 * large, an unsupported method).
 */
final class StatusMessages {

	private StatusMessages() {
	}

	static String of(int status) {
		return switch (status) {
			case 400 -> "status.400";
			case 401 -> "status.401";
			case 403 -> "status.403";
			case 404 -> "status.404";
			case 405 -> "status.405";
			case 408 -> "status.408";
			case 413 -> "status.413";
			case 414 -> "status.414";
			case 415 -> "status.415";
			case 431 -> "status.431";
			case 503 -> "status.503";
			default -> status < 500 ? "status.refused" : "status.failed";
		};
	}

}
