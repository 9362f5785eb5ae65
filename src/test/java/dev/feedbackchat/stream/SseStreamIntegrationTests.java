package dev.feedbackchat.stream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.feedbackchat.HttpChat.EventStream;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.limits.Slot;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.TokenSink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import static dev.feedbackchat.HttpChat.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link LiveAnswers#stream} over real HTTP, with answers the test writes itself and its own closing HTML. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(SseStreamIntegrationTests.TestStream.class)
class SseStreamIntegrationTests {

	static final String FINISHED = "<p>finished\n in the page</p>";

	@TestConfiguration
	@Controller
	static class TestStream {

		@Autowired
		LiveAnswers answers;

		@GetMapping("/test/stream/{id}")
		void stream(@PathVariable UUID id, @RequestParam(defaultValue = "0") int from, HttpServletRequest request,
				HttpServletResponse response) throws IOException {
			answers.stream(id, from, Slot.NONE, request, response, locale -> FINISHED);
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	LiveAnswers answers;

	final HttpClient client = HttpClient.newHttpClient();

	/** Starts an answer whose pieces the test writes into the returned sink. */
	TokenSink start(UUID id, String closingHtml) {
		AtomicReference<TokenSink> sink = new AtomicReference<>();
		answers.start(id, s -> {
			sink.set(s);
			return () -> {
			};
		}, ended -> Finished.of(ended, closingHtml));
		return sink.get();
	}

	EventStream open(UUID id, int from) throws Exception {
		HttpResponse<InputStream> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test/stream/" + id + "?from=" + from)).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return new EventStream(response.body());
	}


	@Test
	void doneCarriesClosingHtml() throws Exception {
		UUID id = UUID.randomUUID();
		TokenSink sink = start(id, "<article>\n  done</article>");
		sink.token("ab");
		try (EventStream stream = open(id, 1)) {
			SseEvent catchUp = stream.next();
			assertThat(catchUp.data()).isEqualTo("b");
			assertThat(catchUp.id()).isEqualTo("2");
			sink.token("c d");
			sink.complete();
			List<SseEvent> rest = stream.rest();
			assertThat(text(rest)).isEqualTo("c d");
			assertThat(rest.get(rest.size() - 1).name()).isEqualTo("done");
			assertThat(rest.get(rest.size() - 1).data()).isEqualTo("<article>\n  done</article>");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> answers.activeStreams() == 0);
		assertThat(answers.progress(id)).hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(AnswerStatus.COMPLETE));
	}

	@Test
	void finishedSendsFinishedHtml() throws Exception {
		UUID id = UUID.randomUUID();
		start(id, "<p>not kept</p>").complete();
		await().atMost(Duration.ofSeconds(5)).until(() -> answers.progress(id).orElseThrow().finished());
		try (EventStream stream = open(id, 0)) {
			List<SseEvent> events = stream.rest();
			assertThat(events).extracting(SseEvent::name).containsExactly("done");
			assertThat(events.get(0).data()).isEqualTo(FINISHED);
		}
		try (EventStream stream = open(UUID.randomUUID(), 0)) {
			assertThat(stream.rest()).extracting(SseEvent::data).containsExactly(FINISHED);
		}
	}

	@Test
	void aheadGetsOnlyWhatItLacks() throws Exception {
		UUID id = UUID.randomUUID();
		TokenSink sink = start(id, "");
		sink.token("ab");
		// As after a resume on an instance that has typed less than the one that stopped.
		try (EventStream stream = open(id, 4)) {
			sink.token("cd");
			sink.token("ef");
			sink.complete();
			List<SseEvent> rest = stream.rest();
			assertThat(rest).extracting(SseEvent::id).containsExactly("6", null);
			assertThat(text(rest)).isEqualTo("ef");
			assertThat(rest.get(1).data()).isEmpty();
		}
	}

}
