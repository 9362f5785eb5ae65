package dev.feedbackchat.admin;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import dev.feedbackchat.HttpChat;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.model.FeedbackScale;
import dev.feedbackchat.model.Sentiment;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

import static dev.feedbackchat.model.FeedbackScale.FACES;
import static dev.feedbackchat.model.FeedbackScale.STARS;
import static dev.feedbackchat.model.FeedbackScale.THUMBS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exports downloaded over real HTTP by a signed-in admin, and read back with the parsers a consumer
 * would use: commons-csv for the CSV, Jackson for every JSON line (the arena battles' too); and the dashboard's
 * queries. Run on H2
 * (AdminExportIntegrationTests) and on PostgreSQL (AdminExportPostgresIntegrationTests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AdminExportContract {

	static final List<String> COLUMNS = List.of("conversation_id", "prompt_id", "prompt", "answer_id", "answer",
			"responder", "model", "first_token_ms", "status", "scale", "rating", "rating_label", "sentiment", "comment",
			"reasons", "correction", "answered_at", "rated_at");

	static final Instant START = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);

	/** Everything a CSV or JSON writer can get wrong, each in a prompt, an answer or a comment. */
	static final List<Seed> TRICKY = List.of(
			Seed.rated("a, b, and c", THUMBS, 1, "commas, everywhere", START.plusSeconds(1)),
			Seed.rated("she said \"hi\" and '' left", THUMBS, 0, "\"quoted\" comment", START.plusSeconds(2))
				.withReasons("Not factually correct", "Didn't follow instructions")
				.withCorrection("\"right\", she said,\non two lines 😀 <b>bold</b>"),
			Seed.rated("line one\nline two\r\nline three", STARS, 4, "multi\nline\ncomment", START.plusSeconds(3)),
			Seed.rated("emoji 😀👍🏽 and 中文 and é", FACES, 2, null, START.plusSeconds(4)).withReasons("Too long"),
			Seed.rated("  leading and trailing spaces  ", STARS, 0, ",", START.plusSeconds(5)),
			Seed.rated("<script>alert(1)</script> \\ backslash \t tab", FACES, 4, "", START.plusSeconds(6)),
			Seed.rated("\"", STARS, 2, "\"\"", START.plusSeconds(7)));

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JsonMapper json;

	@Autowired
	RatedAnswers ratedAnswers;

	@Autowired
	DataSource dataSource;

	@Autowired
	ArenaRecord arena;

	Seeder seeder;

	HttpChat admin;

	@BeforeEach
	void signIn() throws Exception {
		seeder = new Seeder(jdbc);
		seeder.clear();
		admin = new HttpChat(port);
		admin.signIn("admin", "test-admin-password");
	}

	/** The seeds as the exports list them: newest rating first. */
	static List<Seed> newestFirst(List<Seed> seeds) {
		return seeds.stream().sorted(Comparator.comparing(Seed::ratedAt).reversed()).toList();
	}

	String download(String path) throws Exception {
		HttpResponse<String> response = admin.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).startsWith("attachment; filename=\"feedback"));
		return response.body();
	}

	@Test
	void csvRoundTripsThroughCommonsCsv() throws Exception {
		seeder.insert(TRICKY);

		String csv = download("/admin/export.csv");

		assertThat(csv).startsWith(String.join(",", COLUMNS) + "\r\n");
		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
		assertThat(records.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(COLUMNS);
		List<Seed> expected = newestFirst(TRICKY);
		assertThat(records).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Seed seed = expected.get(i);
			CSVRecord record = records.get(i);
			assertThat(record.get("prompt")).isEqualTo(seed.prompt());
			assertThat(record.get("answer")).isEqualTo(seed.answer());
			assertThat(record.get("comment")).isEqualTo(seed.comment() == null ? "" : seed.comment());
			assertThat(record.get("reasons")).isEqualTo(String.join("; ", seed.reasons()));
			assertThat(record.get("correction")).isEqualTo(seed.correction() == null ? "" : seed.correction());
			assertThat(record.get("scale")).isEqualTo(seed.scale().id());
			assertThat(record.get("rating")).isEqualTo(Integer.toString(seed.rating()));
			assertThat(record.get("rating_label")).isEqualTo(seed.scale().label(seed.rating()));
			assertThat(record.get("sentiment")).isEqualTo(seed.scale().sentiment(seed.rating()).id());
			assertThat(record.get("responder")).isEqualTo("echo");
			assertThat(record.get("model")).isEqualTo("echo");
			assertThat(record.get("first_token_ms")).isEqualTo(Long.toString(Seeder.FIRST_TOKEN_MILLIS));
			assertThat(record.get("status")).isEqualTo("complete");
			assertThat(record.get("conversation_id")).isEqualTo(seed.conversationId().toString());
			assertThat(UUID.fromString(record.get("prompt_id"))).isNotEqualTo(UUID.fromString(record.get("answer_id")));
			assertThat(Instant.parse(record.get("rated_at"))).isEqualTo(seed.ratedAt());
			assertThat(Instant.parse(record.get("answered_at"))).isEqualTo(seed.ratedAt().minus(1, ChronoUnit.MINUTES));
		}
	}

	@Test
	void everyJsonLineParsesWithJacksonToTheSameFields() throws Exception {
		seeder.insert(TRICKY);

		String jsonl = download("/admin/export.jsonl");

		assertThat(jsonl).endsWith("\n");
		List<String> lines = jsonl.lines().toList();
		List<Seed> expected = newestFirst(TRICKY);
		assertThat(lines).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Seed seed = expected.get(i);
			JsonNode row = json.readTree(lines.get(i));
			assertThat(row.propertyNames()).containsExactlyElementsOf(COLUMNS);
			assertThat(row.get("prompt").stringValue()).isEqualTo(seed.prompt());
			assertThat(row.get("answer").stringValue()).isEqualTo(seed.answer());
			if (seed.comment() == null) {
				assertThat(row.get("comment").isNull()).isTrue();
			}
			else {
				assertThat(row.get("comment").stringValue()).isEqualTo(seed.comment());
			}
			assertThat(row.get("reasons").isArray()).isTrue();
			assertThat(row.get("reasons").valueStream().map(JsonNode::stringValue).toList())
				.containsExactlyElementsOf(seed.reasons());
			assertThat(row.get("correction").isNull() ? null : row.get("correction").stringValue())
				.isEqualTo(seed.correction());
			assertThat(row.get("rating").isInt()).isTrue();
			assertThat(row.get("rating").intValue()).isEqualTo(seed.rating());
			assertThat(row.get("rating_label").stringValue()).isEqualTo(seed.scale().label(seed.rating()));
			assertThat(row.get("sentiment").stringValue()).isEqualTo(seed.scale().sentiment(seed.rating()).id());
			assertThat(Instant.parse(row.get("rated_at").stringValue())).isEqualTo(seed.ratedAt());
		}
	}

	@Test
	void ktoLabelsFollowTheSentimentAndNeutralRatingsAreLeftOut() throws Exception {
		seeder.insert(TRICKY);

		List<String> lines = download("/admin/export-kto.jsonl").lines().toList();

		List<Seed> expected = newestFirst(TRICKY).stream()
			.filter(seed -> seed.scale().sentiment(seed.rating()) != Sentiment.NEUTRAL)
			.toList();
		assertThat(expected).hasSizeLessThan(TRICKY.size());
		assertThat(lines).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Seed seed = expected.get(i);
			JsonNode example = json.readTree(lines.get(i));
			assertThat(example.propertyNames()).containsExactly("prompt", "completion", "label", "reasons", "correction");
			assertThat(example.get("reasons").valueStream().map(JsonNode::stringValue).toList())
				.containsExactlyElementsOf(seed.reasons());
			assertThat(example.get("correction").isNull() ? null : example.get("correction").stringValue())
				.isEqualTo(seed.correction());
			assertThat(example.get("prompt").stringValue()).isEqualTo(seed.prompt());
			assertThat(example.get("completion").stringValue()).isEqualTo(seed.answer());
			assertThat(example.get("label").isBoolean()).isTrue();
			assertThat(example.get("label").booleanValue()).isEqualTo(seed.scale().sentiment(seed.rating()) == Sentiment.POSITIVE);
		}
	}

	@Test
	void manyRowsStreamCompletelyAndInOrder() throws Exception {
		List<Seed> seeds = new ArrayList<>();
		FeedbackScale[] scales = FeedbackScale.values();
		for (int i = 0; i < 5_000; i++) {
			FeedbackScale scale = scales[i % scales.length];
			seeds.add(Seed.rated("prompt " + i, scale, i % (scale.max() + 1), i % 3 == 0 ? "comment " + i : null,
					START.plusSeconds(i)));
		}
		seeder.insert(seeds);

		List<CSVRecord> records = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(download("/admin/export.csv")))
			.getRecords();
		assertThat(records).hasSize(5_000);
		assertThat(records.get(0).get("prompt")).isEqualTo("prompt 4999");
		assertThat(records.get(4_999).get("prompt")).isEqualTo("prompt 0");
		assertThat(download("/admin/export.jsonl?commented=true").lines()).hasSize(1_667);
		Set<String> labels = Set.copyOf(download("/admin/export-kto.jsonl").lines()
			.map(line -> json.readTree(line).get("label").asString())
			.toList());
		assertThat(labels).containsExactlyInAnyOrder("true", "false");
	}

	/** The answers' ids of {@link #trainingScenario()}, and the texts the examples are checked against. */
	static final String P1 = "What's a \"closure\"?";

	static final String A1 = "A function with the variables it captured.";

	static final String P2 = "Show one in JS,\nplease 😀 <script>alert(1)</script>";

	static final String BAD = "You said, \"Show one\" ...interesting.";

	static final String CORRECTION = "function counter() {\n  let n = 0;\n  return () => ++n; // \"n\" <captured>\n}";

	static final String GOOD = "const add = x => y => x + y; // é 中文";

	static final String P3 = "And in Java?";

	static final String A3 = "A lambda that reads an effectively final local.";

	static final String OLD1 = "an old prompt", OLD_A1 = "an old answer", OLD2 = "a prompt whose answer failed",
			OLD3 = "the last old prompt", OLD_A3 = "a wrong old answer", OLD_CORRECTION = "the right old answer";

	/**
	 * Two conversations. One as the chat stores it since V4: a rated answer, then a prompt with three answers
	 * (the first rated down with reasons and a correction, a second different one rated up, a third rated up with
	 * the first's very text), and a prompt that continues the second answer, not the latest. The other as stored
	 * before V4 (no parent_id): a failed answer in the middle, and a corrected answer at the end.
	 */
	void trainingScenario() {
		Instant t = START;
		UUID c = seeder.conversation(t);
		UUID p1 = seeder.prompt(c, P1, t.plusSeconds(1), null);
		UUID a1 = seeder.answer(c, p1, A1, t.plusSeconds(2));
		seeder.rate(a1, THUMBS, 1, t.plusSeconds(3), List.of("Accurate"), null);
		UUID p2 = seeder.prompt(c, P2, t.plusSeconds(4), a1);
		UUID bad = seeder.answer(c, p2, BAD, t.plusSeconds(5));
		seeder.rate(bad, THUMBS, 0, t.plusSeconds(6), List.of("Incomplete", "Too long"), CORRECTION);
		UUID good = seeder.answer(c, p2, GOOD, t.plusSeconds(7), "echo", "echo", AnswerStatus.COMPLETE, bad);
		seeder.rate(good, THUMBS, 1, t.plusSeconds(8), List.of(), null);
		UUID same = seeder.answer(c, p2, BAD, t.plusSeconds(9), "echo", "echo", AnswerStatus.COMPLETE, good);
		seeder.rate(same, THUMBS, 1, t.plusSeconds(10), List.of(), null);
		UUID p3 = seeder.prompt(c, P3, t.plusSeconds(11), good);
		UUID a3 = seeder.answer(c, p3, A3, t.plusSeconds(12));
		seeder.rate(a3, STARS, 4, t.plusSeconds(13), List.of(), null);

		UUID old = seeder.conversation(t);
		UUID o1 = seeder.prompt(old, OLD1, t.plusSeconds(20), null);
		seeder.answer(old, o1, OLD_A1, t.plusSeconds(21));
		UUID o2 = seeder.prompt(old, OLD2, t.plusSeconds(22), null);
		seeder.answer(old, o2, "half an answ", t.plusSeconds(23), "echo", "echo", AnswerStatus.FAILED, null);
		UUID o3 = seeder.prompt(old, OLD3, t.plusSeconds(24), null);
		UUID oa3 = seeder.answer(old, o3, OLD_A3, t.plusSeconds(25));
		seeder.rate(oa3, STARS, 0, t.plusSeconds(26), List.of("Not factually correct"), OLD_CORRECTION);
	}

	/** A message list as "role: content" lines, to compare whole examples at once. */
	static List<String> messages(JsonNode list) {
		assertThat(list.isArray()).as("%s is a list of messages", list).isTrue();
		return list.valueStream().map(message -> {
			assertThat(message.propertyNames()).containsExactly("role", "content");
			return message.get("role").stringValue() + ": " + message.get("content").stringValue();
		}).toList();
	}

	static List<String> u(String... texts) {
		return List.of(texts).stream().map(text -> "user: " + text).toList();
	}

	static List<String> chat(String... roleAndText) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < roleAndText.length; i += 2) {
			lines.add(roleAndText[i] + ": " + roleAndText[i + 1]);
		}
		return lines;
	}

	List<JsonNode> lines(String path) throws Exception {
		String body = download(path);
		assertThat(body.isEmpty() || body.endsWith("\n")).isTrue();
		return body.lines().map(line -> json.readTree(line)).toList();
	}

	@Test
	void sftHasTheConversationUpToThePromptThenTheCorrectionOrTheLikedAnswer() throws Exception {
		trainingScenario();

		List<List<String>> examples = lines("/admin/export-sft.jsonl").stream().map(example -> {
			assertThat(example.propertyNames()).containsExactly("messages");
			return messages(example.get("messages"));
		}).toList();

		String u = "user", a = "assistant";
		assertThat(examples).containsExactlyInAnyOrder(chat(u, P1, a, A1), chat(u, P1, a, A1, u, P2, a, CORRECTION),
				chat(u, P1, a, A1, u, P2, a, GOOD), chat(u, P1, a, A1, u, P2, a, BAD),
				chat(u, P1, a, A1, u, P2, a, GOOD, u, P3, a, A3),
				chat(u, OLD1, a, OLD_A1, u, OLD2, u, OLD3, a, OLD_CORRECTION));

		List<List<String>> turns = lines("/admin/export-sft.jsonl?context=turn").stream()
			.map(example -> messages(example.get("messages")))
			.toList();
		assertThat(turns).containsExactlyInAnyOrder(chat(u, P1, a, A1), chat(u, P2, a, CORRECTION), chat(u, P2, a, GOOD),
				chat(u, P2, a, BAD), chat(u, P3, a, A3), chat(u, OLD3, a, OLD_CORRECTION));

		// The filter picks the rated answers: the negative ones only give their corrections.
		assertThat(lines("/admin/export-sft.jsonl?context=turn&rating=negative").stream()
			.map(example -> messages(example.get("messages")))
			.toList()).containsExactlyInAnyOrder(chat(u, P2, a, CORRECTION), chat(u, OLD3, a, OLD_CORRECTION));
	}

	@Test
	void dpoPrefersCorrectionsAndLikedSiblingsOncePerPairWithoutIdenticalTexts() throws Exception {
		trainingScenario();

		List<List<List<String>>> pairs = lines("/admin/export-dpo.jsonl").stream().map(example -> {
			assertThat(example.propertyNames()).containsExactly("prompt", "chosen", "rejected");
			return List.of(messages(example.get("prompt")), messages(example.get("chosen")),
					messages(example.get("rejected")));
		}).toList();

		List<String> p2 = chat("user", P1, "assistant", A1, "user", P2);
		assertThat(pairs).containsExactlyInAnyOrder(
				List.of(p2, chat("assistant", CORRECTION), chat("assistant", BAD)),
				List.of(p2, chat("assistant", GOOD), chat("assistant", BAD)),
				List.of(chat("user", OLD1, "assistant", OLD_A1, "user", OLD2, "user", OLD3),
						chat("assistant", OLD_CORRECTION), chat("assistant", OLD_A3)));

		List<List<String>> prompts = lines("/admin/export-dpo.jsonl?context=turn").stream()
			.map(example -> messages(example.get("prompt")))
			.toList();
		assertThat(prompts).containsExactlyInAnyOrder(u(P2), u(P2), u(OLD3));

		// A pair comes with either of its ratings: the liked answer's alone brings it.
		assertThat(lines("/admin/export-dpo.jsonl?rating=positive")).hasSize(1)
			.allSatisfy(pair -> assertThat(messages(pair.get("chosen"))).containsExactly("assistant: " + GOOD));
		assertThat(lines("/admin/export-dpo.jsonl?rating=neutral")).isEmpty();
	}

	@Test
	void ktoWithAContextIsConversationalWithReasonsAndCorrections() throws Exception {
		trainingScenario();

		List<JsonNode> examples = lines("/admin/export-kto.jsonl?context=conversation");
		assertThat(examples).hasSize(6).allSatisfy(example -> assertThat(example.propertyNames())
			.containsExactly("prompt", "completion", "label", "reasons", "correction"));
		JsonNode bad = examples.stream()
			.filter(example -> !example.get("label").booleanValue() && !example.get("correction").isNull()
					&& example.get("correction").stringValue().equals(CORRECTION))
			.findFirst()
			.orElseThrow();
		assertThat(messages(bad.get("prompt"))).containsExactlyElementsOf(chat("user", P1, "assistant", A1, "user", P2));
		assertThat(messages(bad.get("completion"))).containsExactly("assistant: " + BAD);
		assertThat(bad.get("reasons").valueStream().map(JsonNode::stringValue).toList()).containsExactly("Incomplete",
				"Too long");
		assertThat(examples.stream().filter(example -> example.get("label").booleanValue())).hasSize(4);

		assertThat(lines("/admin/export-kto.jsonl?context=turn")).hasSize(6)
			.allSatisfy(example -> assertThat(example.get("prompt").size()).isEqualTo(1));
		// Without context: the standard form, prompt and completion as text.
		assertThat(lines("/admin/export-kto.jsonl")).hasSize(6)
			.allSatisfy(example -> assertThat(example.get("prompt").isString()).isTrue());
	}

	@Test
	void anonymousDownloadsAreSentToTheLoginPage() throws Exception {
		HttpChat anonymous = new HttpChat(port);
		for (String path : List.of("/admin/export.csv", "/admin/export.jsonl", "/admin/export-kto.jsonl",
				"/admin/export-sft.jsonl", "/admin/export-dpo.jsonl", "/admin/export-battles.jsonl")) {
			HttpResponse<String> response = anonymous.get(path);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					location -> assertThat(location).endsWith("/admin/login"));
			assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		}
	}

	/** Chatbot Arena's column names, in this order. */
	static final List<String> BATTLE_COLUMNS = List.of("prompt", "model_a", "model_b", "answer_a", "answer_b", "winner",
			"voted_at");

	@Test
	void battlesRoundTripThroughJacksonWithChatbotArenasColumns() throws Exception {
		String tricky = "she said \"hi\",\nthen \\ left\r\n\t😀👍🏽 中文 é <script>alert(1)</script>";
		seeder.battle(tricky, "Model \"A\"", tricky + " (A)", "模型 B", "B's\nanswer", Outcome.A_WINS, START.plusSeconds(4));
		seeder.battle("p2", "x", "a2", "y", "b2", Outcome.B_WINS, START.plusSeconds(1));
		seeder.battle("p3", "y", "a3", "x", "b3", Outcome.TIE, START.plusSeconds(2));
		seeder.battle("p4", "x", "a4", "y", "b4", Outcome.BOTH_BAD, START.plusSeconds(3));
		seeder.battle("not voted", "x", "a5", "y", "b5", null, START);

		HttpResponse<String> response = admin.get("/admin/export-battles.jsonl");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).startsWith("attachment; filename=\"arena-battles-"));
		List<JsonNode> rows = response.body().lines().map(line -> json.readTree(line)).toList();

		assertThat(rows).allSatisfy(row -> assertThat(row.propertyNames()).containsExactlyElementsOf(BATTLE_COLUMNS));
		assertThat(rows).extracting(row -> row.get("prompt").stringValue()).containsExactly("p2", "p3", "p4", tricky);
		assertThat(rows).extracting(row -> row.get("winner").stringValue())
			.containsExactly("model_b", "tie", "tie (bothbad)", "model_a");
		JsonNode last = rows.get(3);
		assertThat(List.of(last.get("model_a").stringValue(), last.get("model_b").stringValue(),
				last.get("answer_a").stringValue(), last.get("answer_b").stringValue()))
			.containsExactly("Model \"A\"", "模型 B", tricky + " (A)", "B's\nanswer");
		assertThat(Instant.parse(last.get("voted_at").stringValue())).isEqualTo(START.plusSeconds(4));
		assertThat(last.get("voted_at").stringValue()).endsWith("Z");
	}

	@Test
	void decisiveVotesJoinTheDpoPairsOfRatedAnswers() throws Exception {
		trainingScenario();
		seeder.battle("Which is \"right\"?\n😀", "x", "the winner's", "y", "the loser's", Outcome.B_WINS,
				START.plusSeconds(30));
		seeder.battle("a tie", "x", "t1", "y", "t2", Outcome.TIE, START.plusSeconds(31));

		List<List<List<String>>> pairs = lines("/admin/export-dpo.jsonl").stream().map(example -> {
			assertThat(example.propertyNames()).containsExactly("prompt", "chosen", "rejected");
			return List.of(messages(example.get("prompt")), messages(example.get("chosen")),
					messages(example.get("rejected")));
		}).toList();

		assertThat(pairs).hasSize(4);
		assertThat(pairs.get(3)).containsExactly(u("Which is \"right\"?\n😀"), chat("assistant", "the loser's"),
				chat("assistant", "the winner's"));
		assertThat(lines("/admin/export-dpo.jsonl?rating=positive")).hasSize(1);
	}

	@Test
	void battlesAreReadWithAutocommitOffInAReadOnlyTransaction() {
		seeder.battle("p", "x", "a", "y", "b", Outcome.A_WINS, START);
		seeder.battle("q", "x", "a", "y", "b", Outcome.TIE, START.plusSeconds(1));
		List<String> states = new ArrayList<>();
		arena.forEachVoted(null, null, battle -> states.add(connectionState()));
		assertThat(states).hasSize(2).containsOnly("autocommit=false readOnly=true");
	}

	@Test
	void rowsAreReadWithAutocommitOffInAReadOnlyTransaction() {
		seeder.insert(TRICKY);
		List<String> states = new ArrayList<>();
		ratedAnswers.forEach(RatingFilter.ANY, row -> {
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				states.add("autocommit=" + connection.getAutoCommit() + " readOnly=" + connection.isReadOnly());
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		});
		assertThat(states).hasSize(TRICKY.size()).containsOnly("autocommit=false readOnly=true");
	}

	@Test
	void conversationsAreReadWithAutocommitOffInAReadOnlyTransactionToo() {
		seeder.insert(TRICKY);
		List<String> states = new ArrayList<>();
		ratedAnswers.forEachConversation(RatingFilter.ANY, conversation -> states.add(connectionState()));
		assertThat(states).hasSize(TRICKY.size()).containsOnly("autocommit=false readOnly=true");
	}

	String connectionState() {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return "autocommit=" + connection.getAutoCommit() + " readOnly=" + connection.isReadOnly();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	@Test
	void dashboardCountsAndChartsRatingsPerUtcDay() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Instant lateYesterday = today.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
		Instant earlyToday = today.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(1);
		seeder.insert(Seed.rated("late", THUMBS, 1, null, lateYesterday), Seed.rated("early", THUMBS, 0, "no", earlyToday),
				Seed.rated("early too", STARS, 2, null, earlyToday.plusSeconds(1)), Seed.unrated("unrated", earlyToday));

		Document page = Jsoup.parse(download200("/admin"));
		assertThat(page.select("#total-answers").text()).isEqualTo("4");
		assertThat(page.select("#total-rated").text()).isEqualTo("3");
		assertThat(page.select("#feedback-rate").text()).isEqualTo("75%");
		assertThat(page.select("#positive-share").text()).isEqualTo("33%");
		List<Element> days = page.select("#chart-data tbody tr");
		assertThat(days.get(days.size() - 2).select("td").eachText()).containsExactly("1", "0", "0");
		assertThat(days.get(days.size() - 1).select("td").eachText()).containsExactly("0", "1", "1");

		Document filtered = Jsoup.parse(download200("/admin?from=" + today + "&rating=negative&commented=true&page=1"));
		assertThat(filtered.select("#rated-table tbody tr td:nth-child(2)").eachText()).containsExactly("early");
		assertThat(filtered.select("#chart-data tbody tr")).hasSize(1);
	}

	String download200(String path) throws Exception {
		HttpResponse<String> response = admin.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
