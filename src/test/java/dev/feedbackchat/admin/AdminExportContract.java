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
 * would use: commons-csv for the CSV, Jackson for every JSON line; and the dashboard's queries. Run on H2
 * (AdminExportIntegrationTests) and on PostgreSQL (AdminExportPostgresIntegrationTests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class AdminExportContract {

	static final List<String> COLUMNS = List.of("conversation_id", "prompt_id", "prompt", "answer_id", "answer",
			"responder", "model", "first_token_ms", "status", "scale", "rating", "rating_label", "sentiment", "comment",
			"answered_at", "rated_at");

	static final Instant START = LocalDate.now(ZoneOffset.UTC).minusDays(3).atStartOfDay().toInstant(ZoneOffset.UTC);

	/** Everything a CSV or JSON writer can get wrong, each in a prompt, an answer or a comment. */
	static final List<Seed> TRICKY = List.of(
			Seed.rated("a, b, and c", THUMBS, 1, "commas, everywhere", START.plusSeconds(1)),
			Seed.rated("she said \"hi\" and '' left", THUMBS, 0, "\"quoted\" comment", START.plusSeconds(2)),
			Seed.rated("line one\nline two\r\nline three", STARS, 4, "multi\nline\ncomment", START.plusSeconds(3)),
			Seed.rated("emoji 😀👍🏽 and 中文 and é", FACES, 2, null, START.plusSeconds(4)),
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
			assertThat(example.propertyNames()).containsExactly("prompt", "completion", "label");
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

	@Test
	void anonymousDownloadsAreSentToTheLoginPage() throws Exception {
		HttpChat anonymous = new HttpChat(port);
		for (String path : List.of("/admin/export.csv", "/admin/export.jsonl", "/admin/export-kto.jsonl")) {
			HttpResponse<String> response = anonymous.get(path);
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
					location -> assertThat(location).endsWith("/admin/login"));
			assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		}
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
