package dev.feedbackchat.stream;

import java.nio.charset.StandardCharsets;

import org.springframework.web.util.HtmlUtils;

/**
 * The two events of an answer stream, as the bytes on the wire: built once per piece and shared by every
 * connection of the answer. Their names match sse-swap and sse-close in the page.
 */
final class SseEvents {

	/** A piece of answer text, as HTML to append; its id is the answer's length in code points after it. */
	static final String CHUNK = "chunk";

	/** The answer has finished: the page closes the EventSource and swaps in the finished message. */
	static final String DONE = "done";

	private SseEvents() {
	}

	static byte[] chunk(String text, int lengthAfter) {
		return ("id:" + lengthAfter + "\nevent:" + CHUNK + "\ndata:" + html(text) + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The closing event, one data line per line of {@code html}. It always has a data line: a browser does
	 * not dispatch an event without one. A line starting with a space gets one more, as the browser's parser
	 * drops one.
	 */
	static byte[] done(String html) {
		StringBuilder event = new StringBuilder("event:" + DONE + "\n");
		for (String line : (html != null ? html : "").split("\r\n|\r|\n", -1)) {
			event.append("data:").append(line.startsWith(" ") ? " " : "").append(line).append('\n');
		}
		return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Escapes text for htmx to swap in. Spaces and line breaks become character references: the browser's
	 * SSE parser drops a leading space of a data line, and a raw line break would end the data line.
	 */
	static String html(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8").replace(" ", "&#32;").replace("\r", "&#13;").replace("\n", "&#10;");
	}

}
