package dev.feedbackchat.webhooks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SignatureTests {

	/** The Standard Webhooks specification's example, as its reference libraries test it. */
	static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	static final long SPEC_TIMESTAMP = 1614265330;

	static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	@Test
	void signsTheSpecificationsExampleAsItDoes() {
		assertThat(Signature.sign(Signature.key(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
	}

	@Test
	void verifiesTheSpecificationsExampleAndNothingElse() {
		byte[] key = Signature.key(SPEC_SECRET);
		String timestamp = Long.toString(SPEC_TIMESTAMP);
		assertThat(Signature.verify(key, SPEC_ID, timestamp, SPEC_BODY, SPEC_SIGNATURE)).isTrue();
		// Several signatures in one header (a rotated secret): one valid is enough.
		assertThat(Signature.verify(key, SPEC_ID, timestamp, SPEC_BODY, "v1,AAAA " + SPEC_SIGNATURE)).isTrue();
		assertThat(Signature.verify(key, SPEC_ID, timestamp, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8),
				SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verify(key, "msg_other", timestamp, SPEC_BODY, SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verify(key, SPEC_ID, "1614265331", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verify(key, SPEC_ID, timestamp, SPEC_BODY, SPEC_SIGNATURE.replace("v1,", "v2,"))).isFalse();
		assertThat(Signature.verify(key, SPEC_ID, "soon", SPEC_BODY, SPEC_SIGNATURE)).isFalse();
		assertThat(Signature.verify(Signature.key("whsec_" + "A".repeat(32)), SPEC_ID, timestamp, SPEC_BODY, SPEC_SIGNATURE))
			.isFalse();
	}

	@Test
	void aSecretWithoutThePrefixIsUsedAsItsBytes() {
		assertThat(Signature.key("plain secret")).isEqualTo("plain secret".getBytes(StandardCharsets.UTF_8));
		String signature = Signature.sign(Signature.key("plain secret"), "msg_1", 1, SPEC_BODY);
		assertThat(Signature.verify("plain secret".getBytes(StandardCharsets.UTF_8), "msg_1", "1", SPEC_BODY, signature))
			.isTrue();
	}

	@Test
	void aBadSecretIsRefusedWithoutQuotingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Endpoint(URI.create("https://example.com/h"), "whsec_not*base64", null))
			.withMessageNotContaining("not*base64");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Endpoint(URI.create("ftp://example.com/h"), "secret", null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties.Endpoint(URI.create("https://example.com/h"), " ", null));
	}

	@Test
	void anEndpointNeverShowsItsSecretAndTakesAllEventsByDefault() {
		WebhookProperties.Endpoint endpoint = new WebhookProperties.Endpoint(URI.create("https://example.com/h"),
				SPEC_SECRET, null);
		assertThat(endpoint.toString()).contains("https://example.com/h").doesNotContain("MfKQ9r8");
		assertThat(endpoint.events()).isEqualTo(EnumSet.allOf(EventType.class));
		assertThat(new WebhookProperties.Endpoint(URI.create("https://example.com/h"), "s", Set.of(EventType.VOTE))
			.events()).containsExactly(EventType.VOTE);
		assertThat(EventType.CONVERSATION_DELETED.id()).isEqualTo("conversation-deleted");
	}

	@Test
	void backoffDoublesUpToItsCeilingWithFullJitter() {
		Backoff highest = new Backoff(Duration.ofSeconds(90), Duration.ofHours(24), bound -> bound);
		Backoff lowest = new Backoff(Duration.ofSeconds(90), Duration.ofHours(24), bound -> 0);
		assertThat(highest.delay(1)).isEqualTo(Duration.ofSeconds(90));
		assertThat(highest.delay(2)).isEqualTo(Duration.ofSeconds(180));
		assertThat(highest.delay(10)).isEqualTo(Duration.ofSeconds(90 * 512));
		assertThat(highest.delay(11)).isEqualTo(Duration.ofHours(24));
		assertThat(highest.delay(30)).isEqualTo(Duration.ofHours(24));
		assertThat(lowest.delay(11)).isZero();
		// The default schedule: 12 attempts, 11 waits; on average half their ceilings, about a day in all.
		Duration ceilings = IntStream.rangeClosed(1, 11)
			.mapToObj(highest::ceiling)
			.reduce(Duration.ZERO, Duration::plus);
		assertThat(ceilings.dividedBy(2)).isBetween(Duration.ofHours(24), Duration.ofHours(27));
		Backoff random = new Backoff(Duration.ofSeconds(90), Duration.ofHours(24));
		assertThat(IntStream.range(0, 1000).mapToObj(n -> random.delay(3)))
			.allSatisfy(delay -> assertThat(delay).isBetween(Duration.ZERO, Duration.ofSeconds(360)));
	}

}
