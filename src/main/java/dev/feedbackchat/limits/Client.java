package dev.feedbackchat.limits;

/**
 * Who makes a request, as the limits count it: the id of its session ({@code null} when it has none) and its
 * address ({@code request.getRemoteAddr()}).
 */
public record Client(String session, String address) {
}
