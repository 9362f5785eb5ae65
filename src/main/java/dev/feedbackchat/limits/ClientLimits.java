package dev.feedbackchat.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.feedbackchat.model.Refused;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The limits of {@code chat.rate-limit}, kept in this instance's memory (with several instances each counts its
 * own): answers and streams at once are counted while they last, prompts and new sessions are token buckets.
 * Nothing is kept in the session, so checking never writes it. Every check is a few lock-free or per-key
 * operations: no lock is shared by all requests. Memory stays bounded under a flood of addresses: counts exist
 * only while something is open, buckets are forgotten a minute after their last use (when they would be full
 * again anyway) or, beyond {@value #MAX_BUCKETS} of a kind, least recently used first.
 */
@Component
public class ClientLimits {

	static final int MAX_BUCKETS = 100_000;

	/** Retry-After of a refused answer or stream: they end within seconds (or when stopped). */
	static final Duration BUSY_RETRY = Duration.ofSeconds(3);

	static final String ANSWER_GENERATING = "refused.limit.answerGenerating";

	static final String ANSWERS_FROM_ADDRESS = "refused.limit.answersFromAddress";

	static final String STREAMS = "refused.limit.streams";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final RateLimitProperties properties;

	private final TimeMeter clock;

	private final Counts answersOfSession = new Counts();

	private final Counts answersOfAddress = new Counts();

	private final Counts streamsOfSession = new Counts();

	private final Counts streamsOfAddress = new Counts();

	private final Cache<String, Bucket> promptsOfSession = buckets();

	private final Cache<String, Bucket> promptsOfAddress = buckets();

	private final Cache<String, Bucket> sessionsOfAddress = buckets();

	/** @param clock the buckets' clock; the system's unless a test provides one */
	ClientLimits(RateLimitProperties properties, ObjectProvider<TimeMeter> clock) {
		this.properties = properties;
		this.clock = clock.getIfAvailable(() -> TimeMeter.SYSTEM_NANOTIME);
	}

	public boolean enabled() {
		return properties.enabled();
	}

	/** Takes the place of an answer to be generated for the client, or refuses (429). */
	public Slot answer(Client client) {
		RateLimitProperties.Answers limit = properties.answers();
		return take(client, limit, answersOfSession, answersOfAddress, ANSWER_GENERATING, ANSWERS_FROM_ADDRESS);
	}

	/** Takes the place of a stream to be opened for the client, or refuses (429). */
	public Slot stream(Client client) {
		return take(client, properties.streams(), streamsOfSession, streamsOfAddress, STREAMS, STREAMS);
	}

	/** Counts a prompt (or retry) of the client, or refuses (429) when it sends them faster than allowed. */
	public void prompt(Client client) {
		if (!properties.enabled()) {
			return;
		}
		RateLimitProperties.Prompts limit = properties.prompts();
		long wait = consume(promptsOfSession, client.session(), limit.perSession());
		if (wait == 0) {
			wait = consume(promptsOfAddress, client.address(), limit.perAddress());
		}
		if (wait > 0) {
			throw Refused.tooManyRequests("refused.limit.prompts", wait, wait);
		}
	}

	/** Counts a session about to be made for a request from {@code address}, or refuses (429) when it has made too many. */
	public void newSession(String address) {
		long wait = properties.enabled() ? consume(sessionsOfAddress, address, properties.sessions().perAddress()) : 0;
		if (wait > 0) {
			throw Refused.tooManyRequests("refused.limit.sessions", wait, wait);
		}
	}

	/**
	 * Whether a session with this id holds an answer or a stream here: it exists (the id is the one the session
	 * was made with, not a client's claim). Lets a request be known to have a session without reading it.
	 */
	public boolean holds(String sessionId) {
		return sessionId != null && (answersOfSession.holds(sessionId) || streamsOfSession.holds(sessionId));
	}

	private Slot take(Client client, RateLimitProperties.Limit limit, Counts ofSession, Counts ofAddress,
			String sessionMessage, String addressMessage) {
		if (!properties.enabled()) {
			return Slot.NONE;
		}
		if (!ofSession.take(client.session(), limit.perSession())) {
			throw Refused.tooManyRequests(sessionMessage, BUSY_RETRY.toSeconds());
		}
		if (!ofAddress.take(client.address(), limit.perAddress())) {
			ofSession.release(client.session());
			throw Refused.tooManyRequests(addressMessage, BUSY_RETRY.toSeconds());
		}
		AtomicBoolean released = new AtomicBoolean();
		return () -> {
			if (released.compareAndSet(false, true)) {
				ofSession.release(client.session());
				ofAddress.release(client.address());
			}
		};
	}

	/** Takes a token of the key's bucket; returns 0, or the seconds until one is there (nothing taken). */
	private long consume(Cache<String, Bucket> buckets, String key, int perMinute) {
		if (perMinute == 0 || key == null) {
			return 0;
		}
		Bucket bucket = buckets.get(key, k -> Bucket.builder()
			.addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, MINUTE))
			.withCustomTimePrecision(clock)
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
	}

	private static Cache<String, Bucket> buckets() {
		// A bucket untouched for a minute has refilled completely: forgetting it changes nothing.
		return Caffeine.newBuilder().expireAfterAccess(MINUTE).maximumSize(MAX_BUCKETS).build();
	}


	/** How many of something each key holds; a key that holds none has no entry. */
	private static final class Counts {

		private final Map<String, Integer> counts = new ConcurrentHashMap<>();

		/** Counts one more unless the key already holds {@code limit} (0: no limit, still counted). */
		boolean take(String key, int limit) {
			if (key == null) {
				return true;
			}
			boolean[] taken = { false };
			counts.compute(key, (k, held) -> {
				int now = held == null ? 0 : held;
				if (limit > 0 && now >= limit) {
					return held;
				}
				taken[0] = true;
				return now + 1;
			});
			return taken[0];
		}

		void release(String key) {
			if (key != null) {
				counts.computeIfPresent(key, (k, held) -> held <= 1 ? null : held - 1);
			}
		}

		boolean holds(String key) {
			return counts.containsKey(key);
		}

	}

}
