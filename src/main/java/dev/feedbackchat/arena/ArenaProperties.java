package dev.feedbackchat.arena;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The arena's settings ({@code chat.arena.*}). Only bound and checked here: names non-blank, at most
 * {@value #NAME_MAX_LENGTH} characters (the record's column) and unique; an openai contender needs a base URL and a
 * model; an enabled arena needs two contenders (with none configured it uses {@link #DEMO_CONTENDERS}). A binding
 * failure stops the start with Spring Boot's report naming the setting.
 *
 * @param enabled           {@code chat.arena.enabled}: the arena and its leaderboard exist at all (default false)
 * @param leaderboardPublic {@code chat.arena.leaderboard-public}: {@code /arena/leaderboard} open to everyone
 *                          (default), or to the admin only
 * @param contenders        {@code chat.arena.contenders}: the models (or prompts) compared
 */
@ConfigurationProperties("chat.arena")
public record ArenaProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("true") boolean leaderboardPublic, List<Contender> contenders) {

	/** The record's contender columns hold 128 characters. */
	static final int NAME_MAX_LENGTH = 128;

	/** Used when the arena is enabled with no contender configured: deterministic, no model server needed. */
	public static final List<String> DEMO_CONTENDERS = List.of("Demo echo", "Demo reverse");

	public ArenaProperties {
		contenders = (contenders != null) ? List.copyOf(contenders) : List.of();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < contenders.size(); i++) {
			Contender contender = contenders.get(i);
			if (contender == null || contender.name() == null || contender.name().isBlank()) {
				throw new IllegalArgumentException("chat.arena.contenders[" + i + "].name must not be blank");
			}
			if (contender.name().length() > NAME_MAX_LENGTH) {
				throw new IllegalArgumentException("chat.arena.contenders[" + i + "].name is longer than "
						+ NAME_MAX_LENGTH + " characters");
			}
			if (!seen.add(contender.name())) {
				throw new IllegalArgumentException(
						"chat.arena.contenders[" + i + "].name \"" + contender.name() + "\" is used twice; names must be unique");
			}
			if (contender.responder() == Responder.OPENAI) {
				required(i, "base-url", contender.baseUrl());
				required(i, "model", contender.model());
				try {
					URI.create(contender.baseUrl());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("chat.arena.contenders[" + i + "].base-url is not a URL: " + ex.getMessage());
				}
			}
		}
		if (enabled && contenders.size() == 1) {
			throw new IllegalArgumentException("chat.arena.contenders lists one contender (\"" + contenders.get(0).name()
					+ "\"); a battle needs two: add another, or list none to use the two demo contenders");
		}
	}

	private static void required(int index, String property, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					"chat.arena.contenders[" + index + "]." + property + " is required with responder openai");
		}
	}

	/** The names of the contenders battling: the configured ones, or the demo ones when none are configured. */
	public List<String> contenderNames() {
		if (contenders.isEmpty()) {
			return DEMO_CONTENDERS;
		}
		return contenders.stream().map(Contender::name).toList();
	}

	/**
	 * One contender.
	 *
	 * @param name         shown after the vote and on the leaderboard; unique
	 * @param responder    {@code echo} or {@code openai}
	 * @param baseUrl      an OpenAI-compatible server (openai only)
	 * @param model        the model asked (openai only)
	 * @param apiKey       never logged (openai only)
	 * @param systemPrompt optional, sent before the prompt
	 */
	public record Contender(String name, @DefaultValue("echo") Responder responder, String baseUrl, String model,
			String apiKey, String systemPrompt) {

		@Override
		public String toString() {
			// Not the API key: properties end up in logs and actuator output.
			return "Contender[name=" + name + ", responder=" + responder + ", baseUrl=" + baseUrl + ", model=" + model
					+ "]";
		}
	}

	/** What answers for a contender. */
	public enum Responder {
		ECHO, OPENAI
	}
}
