package dev.feedbackchat.chat;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.ManualResponder;
import dev.feedbackchat.MockChat;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import static dev.feedbackchat.MockChat.done;
import static org.assertj.core.api.Assertions.assertThat;

/** A model's answer, however it nests its Markdown, is shown by its closing event and by every page load. */
@ChatWebTest
class MarkdownAnswerTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@BeforeEach
	void modelAnswers() {
		chat.newBrowser();
		responder.writeMarkdown(true);
	}

	@AfterEach
	void echoAgain() {
		responder.writeMarkdown(false);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"- "  | 3000 | ""
			"> "  | 5000 | ""
			"> - " | 2000 | ""
			"*a " | 5000 | "*"
			""")
	void deeplyNestedAnswerRendersInItsClosingEventAndThePage(String prefix, int times, String suffix) throws Exception {
		String id = chat.sendOk("nest deeply");
		MvcResult stream = chat.stream(id);
		responder.finishAll(prefix.repeat(times) + "the end" + suffix.repeat(times));

		Element closed = done(stream).selectFirst("#m-" + id);
		assertThat(closed.selectFirst(".content.markdown").text()).contains("the end");
		assertThat(closed.select("button[name=value]")).isNotEmpty();
		for (int load = 0; load < 2; load++) {
			Document page = chat.page();
			assertThat(page.selectFirst("#m-" + id + " .content.markdown").text()).contains("the end");
			assertThat(page.select("#composer-fields[disabled]")).isEmpty();
		}
	}

}
