package dev.feedbackchat.responder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param delay {@code chat.echo.delay}: pause between two characters of the echo answer */
@ConfigurationProperties("chat.echo")
public record EchoProperties(Duration delay) {
}
