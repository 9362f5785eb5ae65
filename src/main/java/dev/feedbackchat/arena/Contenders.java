package dev.feedbackchat.arena;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import dev.feedbackchat.responder.EchoProperties;
import dev.feedbackchat.responder.OpenAiProperties;
import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.Responders;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The contenders of {@code chat.arena.contenders}, each with its own responder (the chat's {@code chat.responder}
 * is not used here), or the two demo contenders when none is configured. An openai contender takes its timeout,
 * temperature and token limit from {@code chat.openai}.
 */
@Component
@ConditionalOnProperty(name = "chat.arena.enabled", havingValue = "true")
public class Contenders {

	private final Map<String, Responder> responders = new LinkedHashMap<>();

	Contenders(ArenaProperties properties, ScheduledExecutorService streamScheduler, EchoProperties echo,
			OpenAiProperties openAi, JsonMapper json) {
		if (properties.contenders().isEmpty()) {
			responders.put(ArenaProperties.DEMO_CONTENDERS.get(0), Responders.echo(streamScheduler, echo.delay()));
			responders.put(ArenaProperties.DEMO_CONTENDERS.get(1),
					Responders.reversedEcho(streamScheduler, echo.delay()));
			return;
		}
		for (ArenaProperties.Contender contender : properties.contenders()) {
			responders.put(contender.name(), switch (contender.responder()) {
				case ECHO -> Responders.echo(streamScheduler, echo.delay());
				case OPENAI -> Responders.openAi(new OpenAiProperties(URI.create(contender.baseUrl()),
						contender.apiKey(), contender.model(), contender.systemPrompt(), openAi.temperature(),
						openAi.maxTokens(), openAi.requestTimeout(), openAi.historyBudget()), json);
			});
		}
	}

	/** Two different contenders drawn at random, in random order: the first answers as A. */
	Pairing draw() {
		List<String> names = List.copyOf(responders.keySet());
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int a = random.nextInt(names.size());
		int b = random.nextInt(names.size() - 1);
		if (b >= a) {
			b++;
		}
		return new Pairing(names.get(a), responders.get(names.get(a)), names.get(b), responders.get(names.get(b)));
	}

	public List<String> names() {
		return List.copyOf(responders.keySet());
	}

	/** Whether the contender's answers are Markdown; false for a contender no longer configured (shown as text). */
	public boolean writesMarkdown(String name) {
		Responder responder = responders.get(name);
		return responder != null && responder.writesMarkdown();
	}

	record Pairing(String a, Responder responderA, String b, Responder responderB) {

		String name(Side side) {
			return side == Side.A ? a : b;
		}

		Responder responder(Side side) {
			return side == Side.A ? responderA : responderB;
		}
	}
}
