package dev.feedbackchat.system;

/**
 * The short message the error page shows for a status that comes without one of its own: errors of Spring MVC,
 * Spring Security's firewall and Tomcat (a malformed address, a request too large, an unsupported method).
 */
final class StatusMessages {

	private StatusMessages() {
	}

	static String of(int status) {
		return switch (status) {
			case 400 -> "The request was malformed, so it was refused.";
			case 401 -> "Sign in to see this page.";
			case 403 -> "This request is not allowed.";
			case 404 -> "There is nothing at this address.";
			case 405 -> "This address does not take that kind of request.";
			case 408 -> "The request took too long to arrive. Please try again.";
			case 413 -> "The request is too large.";
			case 414 -> "The address is too long.";
			case 415 -> "This address does not take that kind of content.";
			case 431 -> "The request's headers are too large.";
			case 503 -> "The chat is not available right now. Please try again in a moment.";
			default -> status < 500 ? "The request was refused." : "Something went wrong. Please try again.";
		};
	}

}
