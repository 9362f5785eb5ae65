package dev.feedbackchat.responder;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OpenAI-compatible chat-completions server used when {@code chat.responder=openai}.
 *
 * @param baseUrl        {@code chat.openai.base-url}: up to and including {@code /v1}
 * @param apiKey         {@code chat.openai.api-key}: sent as a bearer token; empty sends none (local servers)
 * @param model          {@code chat.openai.model}
 * @param systemPrompt   {@code chat.openai.system-prompt}: sent first when not empty
 * @param temperature    {@code chat.openai.temperature}: left to the server when unset
 * @param maxTokens      {@code chat.openai.max-tokens}: left to the server when unset
 * @param requestTimeout {@code chat.openai.request-timeout}: longest wait for the connection and for each
 *                       piece of the answer, including the first
 * @param historyBudget  {@code chat.openai.history-budget}: characters of earlier messages sent along;
 *                       the oldest are dropped first
 */
@ConfigurationProperties("chat.openai")
public record OpenAiProperties(URI baseUrl, String apiKey, String model, String systemPrompt, Double temperature,
		Integer maxTokens, Duration requestTimeout, int historyBudget) {

	/** Never prints the key, so logs and error reports cannot leak it. */
	@Override
	public String toString() {
		return "OpenAiProperties[baseUrl=%s, apiKey=%s, model=%s, temperature=%s, maxTokens=%s, requestTimeout=%s, historyBudget=%d]"
			.formatted(baseUrl, apiKey == null || apiKey.isEmpty() ? "(none)" : "(set)", model, temperature, maxTokens,
					requestTimeout, historyBudget);
	}

}
