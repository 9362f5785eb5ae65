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
		echo.respond(List.of(), "hi 😀\n👍🏽", new TokenSink() {
			@Override
			public void token(String text) {
				tokens.add(text);
			}

			@Override
			public void complete() {
				completed.countDown();
			}

			@Override
			public void fail(String reason) {
				throw new AssertionError(reason);
			}
		});
		assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
		String expected = "You said, \"hi 😀\n👍🏽\" ...interesting.";
		assertThat(String.join("", tokens)).isEqualTo(expected);
		assertThat(tokens).hasSize(expected.codePointCount(0, expected.length()));
		assertThat(tokens).allSatisfy(token -> assertThat(token.codePointCount(0, token.length())).isEqualTo(1));
		assertThat(tokens).contains("😀", "👍", "🏽");
	}

	@Test
	void cancellingStopsTheTyping() throws Exception {
		EchoResponder echo = new EchoResponder(scheduler, new EchoProperties(Duration.ofMillis(20)));
		List<String> tokens = new CopyOnWriteArrayList<>();
		CountDownLatch firstToken = new CountDownLatch(1);
		var generation = echo.respond(List.of(), "a long prompt that takes a while to type", new TokenSink() {
			@Override
			public void token(String text) {
				tokens.add(text);
				firstToken.countDown();
			}

			@Override
			public void complete() {
				throw new AssertionError("cancelled typing must not complete");
			}

			@Override
			public void fail(String reason) {
				throw new AssertionError(reason);
			}
		});
		assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();
		generation.cancel();
		int afterCancel = tokens.size();
		// Give a running tick the chance to finish: at most one more character after cancel.
		scheduler.schedule(() -> null, 100, TimeUnit.MILLISECONDS).get();
		assertThat(tokens.size()).isLessThanOrEqualTo(afterCancel + 1);
		assertThat(String.join("", tokens)).hasSizeLessThan(EchoResponder.answerTo("a long prompt that takes a while to type").length());
	}

}
