package dev.feedbackchat.arena;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArenaPropertiesTests {

	static ArenaProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("chat.arena",
				ArenaProperties.class);
	}

	@Test
	void defaultsAreOffPublicAndTheDemoContenders() throws Exception {
		List<ConfigurationPropertySource> yaml = new ArrayList<>();
		ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))).forEach(yaml::add);
		assertThat(new Binder(yaml).bindOrCreate("chat.arena", ArenaProperties.class)).as("application.yml")
			.isEqualTo(bind(Map.of()));
		ArenaProperties properties = bind(Map.of());
		assertThat(properties.enabled()).isFalse();
		assertThat(properties.leaderboardPublic()).isTrue();
		assertThat(properties.contenders()).isEmpty();
		assertThat(properties.contenderNames()).containsExactly("Demo echo", "Demo reverse");
	}

	@Test
	void contendersBindWithTheirResponders() {
		ArenaProperties properties = bind(Map.of("chat.arena.enabled", "true", "chat.arena.leaderboard-public", "false",
				"chat.arena.contenders[0].name", "Small", "chat.arena.contenders[1].name", "Large",
				"chat.arena.contenders[1].responder", "openai", "chat.arena.contenders[1].base-url", "http://localhost:8000/v1",
				"chat.arena.contenders[1].model", "big", "chat.arena.contenders[1].api-key", "secret",
				"chat.arena.contenders[1].system-prompt", "Be brief."));
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.leaderboardPublic()).isFalse();
		assertThat(properties.contenderNames()).containsExactly("Small", "Large");
		assertThat(properties.contenders().get(0).responder()).isEqualTo(ArenaProperties.Responder.ECHO);
		ArenaProperties.Contender large = properties.contenders().get(1);
		assertThat(large.responder()).isEqualTo(ArenaProperties.Responder.OPENAI);
		assertThat(large.baseUrl()).isEqualTo("http://localhost:8000/v1");
		assertThat(large.model()).isEqualTo("big");
		assertThat(large.systemPrompt()).isEqualTo("Be brief.");
		assertThat(large.toString()).doesNotContain("secret");
	}

	@Test
	void namesMustBeUniqueAndNotBlank() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("chat.arena.contenders[0].name", "Same", "chat.arena.contenders[1].name", "Same")))
			.withStackTraceContaining("\"Same\" is used twice");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("chat.arena.contenders[0].name", " ", "chat.arena.contenders[0].model", "m")))
			.withStackTraceContaining("chat.arena.contenders[0].name must not be blank");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("chat.arena.contenders[0].model", "m")))
			.withStackTraceContaining("must not be blank");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("chat.arena.contenders[0].name", "x".repeat(129))))
			.withStackTraceContaining("longer than 128");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			chat.arena.enabled=true, chat.arena.contenders[0].name=Alone | lists one contender ("Alone"); a battle needs two
			chat.arena.contenders[0].name=M, chat.arena.contenders[0].responder=openai, chat.arena.contenders[0].model=m | chat.arena.contenders[0].base-url is required with responder openai
			chat.arena.contenders[0].name=M, chat.arena.contenders[0].responder=openai, chat.arena.contenders[0].base-url=http://h/v1 | chat.arena.contenders[0].model is required with responder openai
			chat.arena.contenders[0].name=M, chat.arena.contenders[0].responder=openai, chat.arena.contenders[0].base-url=http://h /v1, chat.arena.contenders[0].model=m | chat.arena.contenders[0].base-url is not a URL
			""")
	void whatIsMissingStopsTheStartWithAClearMessage(String settings, String message) {
		Map<String, String> map = new java.util.HashMap<>();
		for (String setting : settings.split(", ")) {
			map.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(map)).withStackTraceContaining(message);
	}

	@Test
	void oneContenderIsFineWhileTheArenaIsOff() {
		assertThat(bind(Map.of("chat.arena.contenders[0].name", "Alone")).contenderNames()).containsExactly("Alone");
	}
}
