package dev.feedbackchat.stream;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseEventsTests {

	@Test
	void chunk() {
		assertThat(new String(SseEvents.chunk("a <b>\n😀", 12), StandardCharsets.UTF_8))
			.isEqualTo("id:12\nevent:chunk\ndata:a&#32;&lt;b&gt;&#10;😀\n\n");
	}

	@Test
	void done() {
		assertThat(new String(SseEvents.done("<p>\n two</p>\r\n"), StandardCharsets.UTF_8))
			.isEqualTo("event:done\ndata:<p>\ndata:  two</p>\ndata:\n\n");
		assertThat(new String(SseEvents.done(null), StandardCharsets.UTF_8)).isEqualTo("event:done\ndata:\n\n");
	}

}
