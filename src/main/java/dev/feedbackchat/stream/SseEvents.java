package dev.feedbackchat.stream;

import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/** The two events of an answer stream; their names match sse-swap and sse-close in the page. */
final class SseEvents {

	/** A piece of answer text, as HTML to append; its id is the answer's length in code points after it. */
	static final String CHUNK = "chunk";

	/** The answer is complete: the page closes the EventSource and fetches the finished message. */
	static final String DONE = "done";

	private SseEvents() {
	}

	static Set<DataWithMediaType> chunk(String text, int lengthAfter) {
		return SseEmitter.event().id(Integer.toString(lengthAfter)).name(CHUNK).data(html(text), MediaType.TEXT_HTML).build();
	}

	static Set<DataWithMediaType> done() {
		return SseEmitter.event().name(DONE).data(DONE).build();
	}

	/**
	 * Escapes text for htmx to swap in. Spaces and line breaks become character references: the browser's
	 * SSE parser drops a leading space of a data line, and a raw line break would end the data line.
	 */
	static String html(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8").replace(" ", "&#32;").replace("\r", "&#13;").replace("\n", "&#10;");
	}

}
