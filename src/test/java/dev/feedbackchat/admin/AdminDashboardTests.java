package dev.feedbackchat.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.admin.Seeder.Seed;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.feedbackchat.model.AnswerStatus.COMPLETE;
import static dev.feedbackchat.model.AnswerStatus.FAILED;
import static dev.feedbackchat.model.AnswerStatus.STOPPED;
import static dev.feedbackchat.model.FeedbackScale.FACES;
import static dev.feedbackchat.model.FeedbackScale.STARS;
import static dev.feedbackchat.model.FeedbackScale.THUMBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ChatWebTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AdminDashboardTests {

	/** Ten days ago: inside the chart's default 30 days. */
	static final LocalDate D = LocalDate.now(ZoneOffset.UTC).minusDays(10);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	Seeder seeder;

	static Instant at(LocalDate day, int hour, int minute, int second) {
		return day.atTime(LocalTime.of(hour, minute, second)).toInstant(ZoneOffset.UTC);
	}

	@BeforeEach
	void seed() {
		seeder = new Seeder(jdbc);
		seeder.clear();
		UUID shared = UUID.randomUUID();
		seeder.insert(Seed.rated("first", THUMBS, 1, null, at(D, 9, 0, 0)).inConversation(shared),
				// Both ends of a day: the last second of D and the first of D+1.
				Seed.rated("second", THUMBS, 0, "Too short", at(D, 23, 59, 59)).inConversation(shared),
				Seed.rated("third", STARS, 4, "Great", at(D.plusDays(1), 0, 0, 0)),
				Seed.rated("fourth", STARS, 2, null, at(D.plusDays(1), 12, 0, 0)),
				Seed.rated("fifth", FACES, 3, null, at(D.plusDays(2), 8, 0, 0)),
				Seed.rated("<script>alert(1)</script>", FACES, 0, "<b>bad</b>", at(D.plusDays(2), 9, 0, 0)),
				Seed.unrated("nobody rated", at(D.plusDays(2), 10, 0, 0)));
	}

	Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	Document page(String query) throws Exception {
		return page(get("/admin" + query));
	}

	static List<String> prompts(Document page) {
		return page.select("#rated-table tbody tr").stream().map(row -> row.select("td").get(1).text()).toList();
	}

	static List<String> column(Document page, int index) {
		return page.select("#rated-table tbody tr").stream().map(row -> row.select("td").get(index).text()).toList();
	}

	static List<List<String>> tableRows(Document page, String table) {
		return page.select(table + " tbody tr").stream().map(row -> row.select("th, td").eachText()).toList();
	}

	@Test
	void reasonsChartCountsEachReasonPerSentimentInTheDateRangeOnly() throws Exception {
		seeder.clear();
		seeder.insert(Seed.rated("a", THUMBS, 0, null, at(D, 9, 0, 0)).withReasons("Incomplete", "Too long"),
				Seed.rated("b", THUMBS, 0, null, at(D, 10, 0, 0)).withReasons("Too long"),
				Seed.rated("c", THUMBS, 1, null, at(D.plusDays(1), 9, 0, 0)).withReasons("Helpful"),
				Seed.rated("d", STARS, 2, null, at(D.plusDays(1), 10, 0, 0)).withReasons("Too long", "<b>Other</b>"),
				Seed.rated("e", THUMBS, 1, null, at(D, 11, 0, 0)),
				// Before the last 30 days.
				Seed.rated("f", THUMBS, 0, null, at(D.minusDays(40), 9, 0, 0)).withReasons("Unsafe or offensive"));

		Document page = page("");
		assertThat(tableRows(page, "#reasons-data")).containsExactly(List.of("Too long", "0", "1", "2"),
				List.of("<b>Other</b>", "0", "1", "0"), List.of("Helpful", "1", "0", "0"), List.of("Incomplete", "0", "0", "1"));
		Element svg = page.selectFirst("svg[aria-labelledby='reasons-title reasons-desc']");
		assertThat(svg.attr("role")).isEqualTo("img");
		assertThat(svg.selectFirst("desc").text())
			.isEqualTo("4 reasons chosen; the most often “Too long” (3: 0 positive, 1 neutral, 2 negative).");
		assertThat(svg.select("g.reason")).hasSize(4);
		assertThat(svg.select("g.reason .reason-label").eachText()).containsExactly("Too long", "<b>Other</b>", "Helpful",
				"Incomplete");
		assertThat(svg.select("g.reason").get(0).select("rect").eachAttr("class")).containsExactly("neutral", "negative");
		assertThat(page.select("#results b")).as("labels are escaped").isEmpty();

		// The chart follows the date range, not the other filters.
		assertThat(tableRows(page("?rating=positive&commented=true"), "#reasons-data")).hasSize(4);
		assertThat(tableRows(page("?from=" + D.minusDays(40) + "&to=" + D), "#reasons-data")).containsExactly(
				List.of("Too long", "0", "0", "2"), List.of("Incomplete", "0", "0", "1"),
				List.of("Unsafe or offensive", "0", "0", "1"));
		assertThat(page("?to=" + D.minusDays(41)).select("#reasons-desc").text())
			.isEqualTo("No reasons were chosen in these days.");
	}

	@Test
	void modelsTableCountsAnswersRatingsCorrectionsAndRegenerationsPerResponderAndModel() throws Exception {
		seeder.clear();
		Instant t = at(D, 9, 0, 0);
		UUID chat = seeder.conversation(t);
		UUID prompt = seeder.prompt(chat, "q", t, null);
		UUID first = seeder.answer(chat, prompt, "x", t.plusSeconds(1), "openai", "gpt-4o-mini", COMPLETE, null);
		seeder.rate(first, THUMBS, 0, t.plusSeconds(2), List.of("Incomplete"), "better");
		UUID second = seeder.answer(chat, prompt, "y", t.plusSeconds(3), "openai", "gpt-4o-mini", COMPLETE, first);
		seeder.rate(second, THUMBS, 1, t.plusSeconds(4), List.of(), null);
		UUID third = seeder.answer(chat, prompt, "z", t.plusSeconds(5), "openai", "gpt-4o-mini", STOPPED, second);
		seeder.answer(chat, prompt, "failed", t.plusSeconds(6), "openai", "gpt-4o-mini", FAILED, third);
		UUID echo = seeder.answer(chat, prompt, "e", t.plusSeconds(7));
		seeder.rate(echo, THUMBS, 1, t.plusSeconds(8), List.of(), null);
		seeder.answer(chat, prompt, "before models were recorded", t.plusSeconds(9), "echo", null, COMPLETE, null);
		seeder.answer(chat, prompt, "long ago", at(D.minusDays(40), 9, 0, 0), "openai", "gpt-4o-mini", COMPLETE, null);

		Document page = page("?rating=negative");
		assertThat(tableRows(page, "#models-table")).containsExactly(
				List.of("openai", "gpt-4o-mini", "3", "2", "67%", "50%", "1", "2"),
				List.of("echo", "echo", "1", "1", "100%", "100%", "0", "0"),
				List.of("echo", "(not recorded)", "1", "0", "0%", "–", "0", "0"));
		assertThat(page.select("#models-table thead th").eachText()).containsExactly("Responder", "Model", "Answers",
				"Rated", "Feedback rate", "Positive share", "Corrections", "Regenerations");

		assertThat(tableRows(page("?from=" + D.minusDays(40) + "&to=" + D.minusDays(40)), "#models-table"))
			.containsExactly(List.of("openai", "gpt-4o-mini", "1", "0", "0%", "–", "0", "0"));
		assertThat(page("?to=" + D.minusDays(41)).select("#models-empty").text()).isEqualTo("No answers in these days.");
	}

	@Test
	void htmxFilterUpdatesRefreshTheReasonsAndTheModels() throws Exception {
		seeder.insert(Seed.rated("why", THUMBS, 0, null, at(D, 8, 0, 0)).withReasons("Too long"));
		String html = mvc.perform(get("/admin?from=" + D + "&to=" + D).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document fragment = Jsoup.parseBodyFragment(html);
		assertThat(tableRows(fragment, "#reasons-data")).containsExactly(List.of("Too long", "0", "0", "1"));
		assertThat(tableRows(fragment, "#models-table")).containsExactly(List.of("echo", "echo", "4", "4", "100%", "50%", "0", "0"));
	}

	@Test
	void totalsCountConversationsAnswersRatingsAndTheirShares() throws Exception {
		Document page = page("");
		assertThat(page.select("#total-conversations").text()).isEqualTo("6");
		assertThat(page.select("#total-answers").text()).isEqualTo("7");
		assertThat(page.select("#total-rated").text()).isEqualTo("6");
		assertThat(page.select("#feedback-rate").text()).isEqualTo("86%");
		assertThat(page.select("#positive-share").text()).isEqualTo("50%");
	}

	@Test
	void totalsOfAnEmptyRecordShowDashesNotErrors() throws Exception {
		seeder.clear();
		Document page = page("");
		assertThat(page.select("#total-answers").text()).isEqualTo("0");
		assertThat(page.select("#feedback-rate").text()).isEqualTo("–");
		assertThat(page.select("#positive-share").text()).isEqualTo("–");
		assertThat(page.select("#result-count").text()).isEqualTo("No rated answers match these filters.");
		assertThat(page.select("#rated-table")).isEmpty();
	}

	@Test
	void tableListsRatedAnswersNewestFirstWithTheirLabelsAndComments() throws Exception {
		Document page = page("");
		assertThat(prompts(page)).containsExactly("<script>alert(1)</script>", "fifth", "fourth", "third", "second", "first");
		assertThat(column(page, 3)).containsExactly("Very unhappy", "Happy", "3 stars", "5 stars", "Thumbs down", "Thumbs up");
		assertThat(column(page, 4)).containsExactly("<b>bad</b>", "", "", "Great", "Too short", "");
		assertThat(column(page, 2).get(1)).isEqualTo("You said, \"fifth\" ...interesting.");
		assertThat(page.select("#rated-table tbody tr").get(4).selectFirst("time").attr("datetime"))
			.isEqualTo(D + "T23:59:59Z");
		assertThat(column(page, 0).get(4)).isEqualTo(D + " 23:59");
		assertThat(page.select("#result-count").text()).isEqualTo("1–6 of 6, newest first");
		assertThat(page.select("nav.pages")).isEmpty();
	}

	@Test
	void everythingFromTheRecordIsEscaped() throws Exception {
		Document page = page("");
		assertThat(page.select("#rated-table script, #rated-table b")).isEmpty();
		assertThat(page.html()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			?rating=positive                         | fifth, third, first
			?rating=negative                         | <script>alert(1)</script>, second
			?rating=neutral                          | fourth
			?rating=stars-4                          | third
			?rating=thumbs-0                         | second
			?rating=faces-3                          | fifth
			?rating=faces-4                          | null
			?commented=true                          | <script>alert(1)</script>, third, second
			?commented=false                         | fifth, fourth, first
			?rating=negative&commented=true&from=D+2 | <script>alert(1)</script>
			?rating=&from=&to=&commented=            | <script>alert(1)</script>, fifth, fourth, third, second, first
			""")
	void filtersByRatingAndComment(String query, String expected) throws Exception {
		Document page = page(query.replace("D+2", D.plusDays(2).toString()));
		assertThat(prompts(page)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(", ")));
	}

	@Test
	void dateRangeIsInclusiveOnBothEndsInUtc() throws Exception {
		assertThat(prompts(page("?from=" + D + "&to=" + D))).containsExactly("second", "first");
		assertThat(prompts(page("?from=" + D.plusDays(1) + "&to=" + D.plusDays(1)))).containsExactly("fourth", "third");
		assertThat(prompts(page("?from=" + D.plusDays(1)))).containsExactly("<script>alert(1)</script>", "fifth", "fourth",
				"third");
		assertThat(prompts(page("?to=" + D))).containsExactly("second", "first");
	}

	@Test
	void filterFormKeepsTheChosenValues() throws Exception {
		Document page = page("?rating=stars-4&from=" + D + "&commented=true");
		assertThat(page.select("#filter-rating option[selected]").attr("value")).isEqualTo("stars-4");
		assertThat(page.select("#filter-from").val()).isEqualTo(D.toString());
		assertThat(page.select("#filter-to").val()).isEmpty();
		assertThat(page.select("#filter-commented option[selected]").attr("value")).isEqualTo("true");
		Element form = page.selectFirst("form#filters");
		assertThat(form.attr("method")).isEqualTo("get");
		assertThat(form.attr("action")).isEqualTo("/admin");
		assertThat(form.attr("hx-get")).isEqualTo("/admin");
		assertThat(form.attr("hx-target")).isEqualTo("#results");
		assertThat(form.attr("hx-push-url")).isEqualTo("true");
	}

	@Test
	void exportLinksCarryTheFilters() throws Exception {
		Document page = page("?rating=negative&commented=true&from=" + D);
		String query = "?rating=negative&from=" + D + "&commented=true";
		assertThat(page.select("#export-csv").attr("href")).isEqualTo("/admin/export.csv" + query);
		assertThat(page.select("#export-jsonl").attr("href")).isEqualTo("/admin/export.jsonl" + query);
		assertThat(page.select("#export-kto").attr("href")).isEqualTo("/admin/export-kto.jsonl" + query);
		assertThat(page.select("#export-sft").attr("href")).isEqualTo("/admin/export-sft.jsonl" + query);
		assertThat(page.select("#export-dpo").attr("href")).isEqualTo("/admin/export-dpo.jsonl" + query);
		// Votes have no rating and no comment: the arena battles take the days alone.
		assertThat(page.select("#export-battles").attr("href")).isEqualTo("/admin/export-battles.jsonl?from=" + D);
		assertThat(page("").select("#export-csv").attr("href")).isEqualTo("/admin/export.csv");
		assertThat(page("?to=" + D).select("#export-battles").attr("href"))
			.isEqualTo("/admin/export-battles.jsonl?to=" + D);
	}

	@Test
	void pagesHoldTwentyRowsWithLinksThatKeepTheFilters() throws Exception {
		seeder.clear();
		List<Seed> seeds = new ArrayList<>();
		for (int i = 1; i <= 45; i++) {
			seeds.add(Seed.rated("prompt " + i, THUMBS, 1, null, at(D, 0, 0, 0).plusSeconds(i * 60L)));
		}
		seeds.add(Seed.rated("negative one", THUMBS, 0, null, at(D, 12, 0, 0)));
		seeder.insert(seeds);

		Document first = page("?rating=positive");
		assertThat(prompts(first)).hasSize(20).startsWith("prompt 45", "prompt 44").endsWith("prompt 26");
		assertThat(first.select("#result-count").text()).isEqualTo("1–20 of 45, newest first");
		assertThat(first.select("nav.pages span").text()).isEqualTo("Page 1 of 3");
		assertThat(first.select("nav.pages a[rel=prev]")).isEmpty();
		assertThat(first.select("nav.pages a[rel=next]").attr("href")).isEqualTo("/admin?rating=positive&page=2");
		assertThat(first.select("nav.pages a[rel=next]").attr("hx-get")).isEqualTo("/admin?rating=positive&page=2");

		Document third = page("?rating=positive&page=3");
		assertThat(prompts(third)).containsExactly("prompt 5", "prompt 4", "prompt 3", "prompt 2", "prompt 1");
		assertThat(third.select("#result-count").text()).isEqualTo("41–45 of 45, newest first");
		assertThat(third.select("nav.pages a[rel=prev]").attr("href")).isEqualTo("/admin?rating=positive&page=2");
		assertThat(third.select("nav.pages a[rel=next]")).isEmpty();

		Document pastTheEnd = page("?rating=positive&page=9");
		assertThat(prompts(pastTheEnd)).isEmpty();
		assertThat(pastTheEnd.select("#result-count").text()).isEqualTo("Page 9 is past the last page (3).");
		assertThat(pastTheEnd.select("nav.pages a[rel=prev]").attr("href")).isEqualTo("/admin?rating=positive&page=3");
	}

	@Test
	void chartShowsTheLast30DaysStackedBySentimentWithTheNumbersAsText() throws Exception {
		Document page = page("");
		Element svg = page.selectFirst("svg[role=img]");
		assertThat(svg.attr("aria-labelledby")).isEqualTo("chart-title chart-desc");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertThat(svg.selectFirst("title#chart-title").text()).endsWith(today.getYear() + " (UTC)");
		assertThat(svg.selectFirst("desc#chart-desc").text()).startsWith("3 positive, 1 neutral and 2 negative ratings");
		// One rectangle per day and sentiment that has ratings.
		assertThat(svg.select("rect.positive")).hasSize(3);
		assertThat(svg.select("rect.neutral")).hasSize(1);
		assertThat(svg.select("rect.negative")).hasSize(2);

		List<Element> rows = page.select("#chart-data tbody tr");
		assertThat(rows).hasSize(30);
		assertThat(rows.get(29).selectFirst("th").text())
			.isEqualTo(today.format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)));
		assertThat(dayCounts(rows.get(19))).containsExactly("1", "0", "1");
		assertThat(dayCounts(rows.get(20))).containsExactly("1", "1", "0");
		assertThat(dayCounts(rows.get(21))).containsExactly("1", "0", "1");
		assertThat(dayCounts(rows.get(22))).containsExactly("0", "0", "0");
	}

	static List<String> dayCounts(Element row) {
		return row.select("td").eachText();
	}

	@Test
	void chartFollowsTheDateRangeButNotTheOtherFilters() throws Exception {
		Document page = page("?rating=stars-4&from=" + D + "&to=" + D.plusDays(2));
		List<Element> rows = page.select("#chart-data tbody tr");
		assertThat(rows).hasSize(3);
		assertThat(dayCounts(rows.get(0))).containsExactly("1", "0", "1");
		assertThat(page.select("svg[role=img] rect")).hasSize(6);
	}

	@Test
	void aLongRangeChartsItsLastDaysAndSaysSo() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Document page = page("?from=" + today.minusDays(200));
		assertThat(page.select("#chart-data tbody tr")).hasSize(Chart.MAX_DAYS);
		assertThat(page.select("figure.chart figcaption").text())
			.contains("The chart shows the last 92 days of the 201-day range.");
		assertThat(prompts(page)).hasSize(6);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			rating=bogus                  | Unknown rating “bogus”
			rating=stars-5                | Unknown rating “stars-5”
			rating=thumbs-2               | Unknown rating “thumbs-2”
			from=2026-02-30               | The “from” date “2026-02-30” is not a date such as 2026-01-31.
			from=31/01/2026               | The “from” date “31/01/2026” is not a date
			to=999999999-12-31            | The “to” date “999999999-12-31” is not a date
			from=2026-03-02&to=2026-03-01 | The “from” date (2026-03-02) is after the “to” date (2026-03-01).
			commented=yes                 | “commented” is true or false, not “yes”.
			page=0                        | The page “0” is not a page number
			page=-1                       | The page “-1” is not a page number
			page=abc                      | The page “abc” is not a page number
			page=99999999999              | The page “99999999999” is not a page number
			""")
	void badFilterValuesGive400WithAMessageInThePage(String query, String message) throws Exception {
		ResultActions result = mvc.perform(get("/admin?" + query)).andExpect(status().isBadRequest());
		Document page = Jsoup.parse(result.andReturn().getResponse().getContentAsString());
		assertThat(page.select("#results .alert").text()).startsWith(message);
		assertThat(page.select("form#filters")).as("the form, to correct the filter").hasSize(1);
		assertThat(page.select("#total-answers").text()).isEqualTo("7");
		assertThat(page.select("#rated-table, svg")).isEmpty();

		ResultActions htmx = mvc.perform(get("/admin?" + query).header("HX-Request", "true"))
			.andExpect(status().isBadRequest());
		Document fragment = Jsoup.parseBodyFragment(htmx.andReturn().getResponse().getContentAsString());
		assertThat(fragment.select("#results .alert").text()).startsWith(message);
	}

	@Test
	void theFormKeepsABadValueSoItCanBeCorrected() throws Exception {
		String html = mvc.perform(get("/admin?from=2026-02-30&rating=positive"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document page = Jsoup.parse(html);
		assertThat(page.select("#filter-from").val()).isEqualTo("2026-02-30");
		assertThat(page.select("#filter-rating option[selected]").attr("value")).isEqualTo("positive");
	}

	@Test
	void htmxGetsOnlyTheResultsAndTheAddressWithoutEmptyFields() throws Exception {
		String html = mvc.perform(get("/admin?rating=negative&from=&to=&commented=").header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Push-Url", "/admin?rating=negative"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document fragment = Jsoup.parseBodyFragment(html);
		assertThat(fragment.body().children()).hasSize(1);
		assertThat(fragment.body().child(0).id()).isEqualTo("results");
		assertThat(fragment.select("header, #total-answers, form#filters")).isEmpty();
		assertThat(prompts(fragment)).containsExactly("<script>alert(1)</script>", "second");
	}

	@Test
	void htmxHistoryRestoreGetsTheWholePage() throws Exception {
		Document page = page(get("/admin?rating=negative").header("HX-Request", "true")
			.header("HX-History-Restore-Request", "true"));
		assertThat(page.select("header.topbar, #total-answers, form#filters, #results")).hasSize(4);
	}

	@Test
	void theDashboardHasNoInlineStyleOrScript() throws Exception {
		Document page = page("");
		assertThat(page.select("[style], style, script:not([src])")).isEmpty();
		assertThat(page.select("[hx-on], [onclick]")).isEmpty();
	}

	@Test
	void ratingOptionsOfferSentimentsAndEveryValueOfEveryScale() throws Exception {
		Document page = page("");
		assertThat(page.select("#filter-rating optgroup").eachAttr("label")).containsExactly("Sentiment", "Thumbs", "Faces",
				"Stars");
		assertThat(page.select("#filter-rating optgroup[label=Stars] option").eachText()).containsExactly("5 stars",
				"4 stars", "3 stars", "2 stars", "1 star");
		assertThat(page.select("#filter-rating optgroup[label=Thumbs] option").eachAttr("value")).containsExactly("thumbs-1",
				"thumbs-0");
	}

}
