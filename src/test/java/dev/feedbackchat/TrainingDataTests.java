package dev.feedbackchat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.feedbackchat.MockChat.fragment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * From the chat to the datasets: what a person clicks (a rating, reasons, a correction, Regenerate, the answer the
 * conversation continues from) is what the training exports hold, parsed back.
 */
@ChatWebTest
class TrainingDataTests {

	@Autowired
	MockChat chat;

	@Autowired
	ManualResponder responder;

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	/** Makes this test's rows findable among those other tests of the shared context stored. */
	private final String marker = UUID.randomUUID().toString();

	@BeforeEach
	void newBrowser() {
		chat.newBrowser();
	}

	@AfterEach
	void finishAnswers() {
		responder.finishAll();
	}

	@Test
	void whatIsClickedIsWhatTheDatasetsHold() throws Exception {
		String question = "What is 2+2? \"quoted\" <b>bold</b> 🙂 " + marker;
		String wrong = chat.sendOk(question);
		responder.finishAll("5,\nsurely");
		chat.rate(wrong, "0").andExpect(status().isOk());
		chat.post("/messages/" + wrong + "/comment", true, "reason", "Not factually correct", "reason", "Too long",
				"correction", "It is 4.").andExpect(status().isOk());
		String right = fragment(chat.post("/messages/" + wrong + "/regenerate", true).andExpect(status().isOk()))
			.selectFirst("article.message.assistant")
			.id()
			.substring(2);
		responder.finishAll("4");
		chat.rate(right, "1").andExpect(status().isOk());
		String followUp = chat.sendOk("And 3+3? " + marker);
		responder.finishAll("6");
		chat.rate(followUp, "1").andExpect(status().isOk());

		List<JsonNode> sft = export("/admin/export-sft.jsonl");
		assertThat(sft).map(example -> example.get("messages").toString())
			.containsExactlyInAnyOrder(messages("user", question, "assistant", "It is 4."),
					messages("user", question, "assistant", "4"),
					// The conversation continued from the regenerated answer, the one shown.
					messages("user", question, "assistant", "4", "user", "And 3+3? " + marker, "assistant", "6"));
		assertThat(export("/admin/export-sft.jsonl?context=turn")).map(example -> example.get("messages").toString())
			.contains(messages("user", "And 3+3? " + marker, "assistant", "6"));

		List<JsonNode> dpo = export("/admin/export-dpo.jsonl");
		assertThat(dpo).hasSize(2).allSatisfy(pair -> {
			assertThat(pair.get("prompt").toString()).isEqualTo(messages("user", question));
			assertThat(pair.get("rejected").toString()).isEqualTo(messages("assistant", "5,\nsurely"));
		});
		assertThat(dpo).map(pair -> pair.get("chosen").toString())
			.containsExactlyInAnyOrder(messages("assistant", "It is 4."), messages("assistant", "4"));

		JsonNode rated = export("/admin/export.jsonl").stream()
			.filter(row -> row.get("answer_id").asString().equals(wrong))
			.findFirst()
			.orElseThrow();
		assertThat(rated.get("reasons").toString()).isEqualTo("[\"Not factually correct\",\"Too long\"]");
		assertThat(rated.get("correction").asString()).isEqualTo("It is 4.");
		assertThat(rated.get("rating").asInt()).isZero();
	}

	/** The export's lines of this test's conversation (their text holds the marker). */
	private List<JsonNode> export(String url) throws Exception {
		MvcResult started = mvc.perform(get(url).with(user("admin").roles("ADMIN")))
			.andExpect(request().asyncStarted())
			.andReturn();
		String body = mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		return body.lines().filter(line -> line.contains(marker)).map(json::readTree).toList();
	}

	/** A conversational message list as TRL reads it: role and content pairs. */
	private String messages(String... roleAndContent) {
		var list = json.createArrayNode();
		for (int i = 0; i < roleAndContent.length; i += 2) {
			list.addObject().put("role", roleAndContent[i]).put("content", roleAndContent[i + 1]);
		}
		return list.toString();
	}

}
