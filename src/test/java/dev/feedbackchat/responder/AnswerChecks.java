package dev.feedbackchat.responder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.HttpChat.SseEvent;
import dev.feedbackchat.responder.FakeOpenAiServer.Request;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import static org.assertj.core.api.Assertions.assertThat;

/** What the OpenAI integration suites check of an answer in the page, over {@link HttpChat}. */
final class AnswerChecks {

	static final String THUMBS_UP = "button[aria-label='Thumbs up']";

	private AnswerChecks() {
	}

	/**
	 * Reads the answer's stream to its closing event, which carries the finished answer, and returns that answer;
	 * a reload of the page shows the same.
	 */
	static Element finishedAnswer(HttpChat chat, String id) throws Exception {
		List<SseEvent> events = chat.readAll(id, null);
		Element answer = HttpChat.finished(events);
		assertThat(answer.id()).isEqualTo("m-" + id);
		assertThat(answer.outerHtml()).isEqualTo(chat.page().selectFirst("#m-" + id).outerHtml());
		return answer;
	}

	/** A failed answer: its error, its partial text, a Retry button and no rating buttons. */
	static void assertFailed(Element answer, String error, String partialText) {
		assertThat(answer.selectFirst(".alert")).as("error of %s", answer.id()).isNotNull();
		assertThat(answer.selectFirst(".alert").text()).startsWith(error);
		assertThat(answer.selectFirst(".content").text()).isEqualTo(partialText);
		assertThat(answer.select("button.retry-button")).hasSize(1);
		assertThat(answer.select(".feedback, form.rating, " + THUMBS_UP)).isEmpty();
		assertThat(answer.select(".note")).as("not shown as stopped").isEmpty();
	}

	/**
	 * Retries the failed answer with the model server scripted to succeed: the answer is generated again from
	 * the same conversation, completes, and can be rated.
	 */
	static void assertRetryCompletes(HttpChat chat, FakeOpenAiServer openAi, String id) throws Exception {
		List<Request> before = openAi.requests();
		openAi.script(FakeOpenAiServer.chunks(Duration.ZERO, "Recovered ", "**answer**."));

		HttpResponse<String> retried = chat.post("/messages/" + id + "/retry", Map.of());

		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
		Element streaming = Jsoup.parseBodyFragment(retried.body()).selectFirst("#m-" + id);
		assertThat(streaming.hasAttr("sse-connect")).as("the retried answer streams").isTrue();
		assertThat(streaming.select(".alert, button.retry-button")).isEmpty();

		Element answer = finishedAnswer(chat, id);
		assertThat(answer.selectFirst(".content").text()).isEqualTo("Recovered answer.");
		assertThat(answer.select(".content strong")).extracting(Element::text).containsExactly("answer");
		assertThat(answer.select(".alert, button.retry-button")).isEmpty();
		assertThat(answer.select(THUMBS_UP)).hasSize(1);
		assertThat(chat.rate(id, 1).statusCode()).isEqualTo(200);

		List<Request> after = openAi.requests();
		assertThat(after).hasSize(before.size() + 1);
		if (!before.isEmpty()) {
			assertThat(after.get(after.size() - 1).messages()).as("the retry sends the same conversation")
				.isEqualTo(before.get(before.size() - 1).messages());
		}
	}

}
