package dev.feedbackchat.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one admin account of {@code /admin}.
 *
 * @param username {@code chat.admin.username}
 * @param password {@code chat.admin.password}: plain text, or already encoded with an id prefix
 *                 ({@code {bcrypt}$2a$10$...}); empty means a random one is generated and logged at startup
 */
@ConfigurationProperties("chat.admin")
public record AdminProperties(String username, String password) {
}
