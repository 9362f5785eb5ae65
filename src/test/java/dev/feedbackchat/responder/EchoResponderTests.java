package dev.feedbackchat.responder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoResponderTests {

	final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

	@AfterEach
	void stop() {
		scheduler.shutdownNow();
	}

	@Test
	void answersTheTutorialsSentenceOneCodePointAtATimeThenCompletes() throws Exception {
		EchoResponder echo = new EchoResponder(scheduler, new EchoProperties(Duration.ofMillis(1)));
		List<String> tokens = new CopyOnWriteArrayList<>();
		CountDownLatch completed = new CountDownLatch(1);
		echo.respond("hi 😀\n👍🏽", new TokenSink() {
			@Override
			public void token(String text) {
				tokens.add(text);
			}

			@Override
			public void complete() {
				completed.countDown();
			}
		});
		assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
		String expected = "You said, \"hi 😀\n👍🏽\" ...interesting.";
		assertThat(String.join("", tokens)).isEqualTo(expected);
		assertThat(tokens).hasSize(expected.codePointCount(0, expected.length()));
		assertThat(tokens).allSatisfy(token -> assertThat(token.codePointCount(0, token.length())).isEqualTo(1));
		assertThat(tokens).contains("😀", "👍", "🏽");
	}

}
