package dev.feedbackchat.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one client may use at once and per minute, per session and per client address
 * ({@code request.getRemoteAddr()}: behind a trusted proxy, {@code server.forward-headers-strategy=native}
 * makes it the real client's). A limit of 0 is off; {@code enabled=false} turns them all off. A negative
 * limit stops the start.
 *
 * @param enabled  {@code chat.rate-limit.enabled}
 * @param answers  answers being generated at once
 * @param streams  answer streams (SSE connections) open at once
 * @param prompts  prompts and retries per minute, a token bucket: up to this many at once, then refilled at
 *                 this rate
 * @param sessions new sessions per minute, a token bucket like {@code prompts}
 */
@ConfigurationProperties("chat.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Answers answers,
		@DefaultValue Streams streams, @DefaultValue Prompts prompts, @DefaultValue Sessions sessions) {

	/** A limit per session and per client address. */
	public interface Limit {

		int perSession();

		int perAddress();

	}

	public record Answers(@DefaultValue("1") int perSession, @DefaultValue("4") int perAddress) implements Limit {

		public Answers {
			check(perSession, perAddress);
		}

	}

	public record Streams(@DefaultValue("4") int perSession, @DefaultValue("32") int perAddress) implements Limit {

		public Streams {
			check(perSession, perAddress);
		}

	}

	public record Prompts(@DefaultValue("20") int perSession, @DefaultValue("60") int perAddress) implements Limit {

		public Prompts {
			check(perSession, perAddress);
		}

	}

	/** Sessions are counted per address only: a request that makes one has none yet. */
	public record Sessions(@DefaultValue("60") int perAddress) {

		public Sessions {
			check(0, perAddress);
		}

	}

	private static void check(int perSession, int perAddress) {
		if (perSession < 0 || perAddress < 0) {
			throw new IllegalArgumentException("A chat.rate-limit limit is 0 (off) or more");
		}
	}

}
