package dev.feedbackchat.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.feedbackchat.model.FeedbackScale.THUMBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin pages in the visitor's language (Accept-Language): texts from the bundles, numbers and dates in the
 * request's locale, the chart's axis too, while SVG coordinates stay plain numbers. Without the header: English, as
 * every other admin test sees it.
 */
@ChatWebTest
@WithMockUser(username = "admin", roles = "ADMIN")
class AdminLocaleTests {

	static final LocalDate D = AdminDashboardTests.D;

	static final String DAY_GRID = "svg[aria-labelledby='chart-title chart-desc'] .grid text";

	/** NumberFormat puts a no-break space before German percent signs. */
	static final String NBSP = "\u00a0";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	Seeder seeder;

	@BeforeEach
	void clear() {
		seeder = new Seeder(jdbc);
		seeder.clear();
	}

	/**
	 * 2,000 answers on D, 1,234 of them rated (1,000 up, 234 down): counts over a thousand, a 62% feedback rate,
	 * an 81% positive share, a chart whose gridlines reach 1,500.
	 */
	void seed() {
		List<Seed> seeds = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			Instant at = AdminDashboardTests.at(D, 12, 0, 0).plusSeconds(i);
			seeds.add(i < 1_000 ? Seed.rated("up " + i, THUMBS, 1, null, at)
					: i < 1_234 ? Seed.rated("down " + i, THUMBS, 0, null, at) : Seed.unrated("unrated " + i, at));
		}
		seeder.insert(seeds);
	}

	static MockHttpServletRequestBuilder in(MockHttpServletRequestBuilder request, String language) {
		return language.isEmpty() ? request : request.header(HttpHeaders.ACCEPT_LANGUAGE, language);
	}

	Document page(MockHttpServletRequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''          | en | All time  | 2,000 | 1,234 | 62%  | 81%  | 1,000 | 1–20 of 1,234, newest first     | Thumbs down | Page 1 of 62
			de          | de | Insgesamt | 2.000 | 1.234 | 62 % | 81 % | 1.000 | 1–20 von 1.234, neueste zuerst | Daumen runter | Seite 1 von 62
			de-DE,de;q=0.9,en;q=0.8 | de-DE | Insgesamt | 2.000 | 1.234 | 62 % | 81 % | 1.000 | 1–20 von 1.234, neueste zuerst | Daumen runter | Seite 1 von 62
			""")
	void theDashboardFollowsTheVisitorsLanguage(String acceptLanguage, String lang, String heading, String answers,
			String rated, String feedbackRate, String positiveShare, String gridLabel, String summary, String rating,
			String position) throws Exception {
		seed();
		Document page = page(in(get("/admin"), acceptLanguage));
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo(lang);
		assertThat(page.selectFirst("html").hasAttr("data-theme")).as("no theme: no attribute").isFalse();
		assertThat(page.select("#totals-heading").text()).isEqualTo(heading);
		assertThat(page.select("#total-answers").text()).isEqualTo(answers);
		assertThat(page.select("#total-conversations").text()).isEqualTo(answers);
		assertThat(page.select("#total-rated").text()).isEqualTo(rated);
		// (jsoup's text() shows the no-break space before a German percent sign as a space)
		assertThat(page.select("#feedback-rate").text()).isEqualTo(feedbackRate);
		assertThat(page.select("#positive-share").text()).isEqualTo(positiveShare);
		assertThat(page.select(DAY_GRID).eachText()).contains(gridLabel);
		assertThat(page.select("#result-count").text()).isEqualTo(summary);
		assertThat(page.select("#rated-table tbody tr").get(0).select("td").get(3).text()).isEqualTo(rating);
		assertThat(page.select("nav.pages span").text()).isEqualTo(position);
	}

	@Test
	void germanTextsNumbersAndDatesOnTheDashboard() throws Exception {
		seed();
		Document page = page(get("/admin").header(HttpHeaders.ACCEPT_LANGUAGE, "de"));
		assertThat(page.select("#chart-heading").text()).isEqualTo("Bewertungen pro Tag");
		assertThat(page.select("#filter-rating optgroup").eachAttr("label")).containsExactly("Stimmung", "Daumen",
				"Gesichter", "Sterne");
		assertThat(page.select("#filters label[for=filter-from]").text()).isEqualTo("Bewertet ab");
		assertThat(page.select("#export-sft").attr("title")).startsWith("Unterhaltungen, die mit");
		assertThat(page.select("header.topbar nav a").eachText()).containsExactly("Übersicht", "Zustellungen",
				"Protokoll", "Chat");
		assertThat(page.select("header.topbar form[action$=logout] button").text()).isEqualTo("Abmelden");

		String day = D.format(DateTimeFormatter.ofPattern("d. MMM yyyy", Locale.GERMAN));
		assertThat(day).as("German short months end in a dot, or are short words").matches("\\d{1,2}\\. \\p{L}+\\.? \\d{4}");
		assertThat(AdminDashboardTests.tableRows(page, "#chart-data")).contains(List.of(day, "1.000", "0", "234"));
		assertThat(page.select("#chart-desc").text())
			.isEqualTo("1.000 positive, 0 neutrale und 234 negative Bewertungen; die meisten am " + day + " (1.234).");
		assertThat(page.select(DAY_GRID).eachText()).containsExactly("0", "500", "1.000", "1.500");
		// Every axis label under the bars is a German day: "1. Jan.", "4. März".
		List<String> labels = page.select("g.day text.axis").eachText();
		assertThat(labels).hasSize(10).allSatisfy(label -> assertThat(label).matches("\\d{1,2}\\. \\p{L}+\\.?"));
		LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(Chart.DEFAULT_DAYS - 1);
		assertThat(labels.get(0)).isEqualTo(first.format(DateTimeFormatter.ofPattern("d. MMM", Locale.GERMAN)));
		assertThat(page.select("#chart-title").text()).startsWith("Bewertungen pro Tag, ").endsWith(" (UTC)");
		assertThat(page.select("#models-table tbody td").eachText()).contains("2.000", "1.234", "62 %");
		assertThat(page.selectFirst("#feedback-rate").wholeText()).isEqualTo("62" + NBSP + "%");

		// The table's times in German, the machine-readable datetime as it was.
		Element newest = page.selectFirst("#rated-table tbody tr time");
		assertThat(newest.text()).isEqualTo(D.format(DateTimeFormatter.ofPattern("dd.MM.yyyy")) + ", 12:20");
		assertThat(newest.attr("datetime")).isEqualTo(D + "T12:20:33Z");
	}

	@Test
	void svgCoordinatesAreNumbersWithADotInAnyLanguage() throws Exception {
		seed();
		for (String language : List.of("de", "en")) {
			Document page = page(get("/admin").header(HttpHeaders.ACCEPT_LANGUAGE, language));
			List<String> coordinates = new ArrayList<>();
			for (Element element : page.select("svg, svg *")) {
				for (String name : List.of("x", "y", "x1", "x2", "y1", "y2", "width", "height")) {
					if (element.hasAttr(name)) {
						coordinates.add(element.attr(name));
					}
				}
			}
			assertThat(coordinates).hasSizeGreaterThan(50).allMatch(value -> value.matches("\\d+(\\.\\d+)?"));
			assertThat(coordinates).anyMatch(value -> value.contains("."));
			assertThat(page.select("svg").eachAttr("viewBox")).allMatch(value -> value.matches("0 0 \\d+ \\d+"));
		}
	}

	@Test
	void dateFiltersStayIsoWhateverTheLanguage() throws Exception {
		Document page = page(get("/admin").param("from", D.toString()).param("to", D.toString())
			.header(HttpHeaders.ACCEPT_LANGUAGE, "de"));
		assertThat(page.select("#filter-from").attr("value")).isEqualTo(D.toString());
		assertThat(page.select("#filter-to").attr("value")).isEqualTo(D.toString());
		assertThat(page.select("#export-csv").attr("href")).contains("from=" + D);
		// The summaries of the filter's days are German.
		assertThat(page.selectFirst("#models-heading ~ p.count").text()).isEqualTo("Fertige Antworten "
				+ D.format(DateTimeFormatter.ofPattern("d. MMM", Locale.GERMAN)) + " – "
				+ D.format(DateTimeFormatter.ofPattern("d. MMM yyyy", Locale.GERMAN)) + " (UTC), je Responder und Modell");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/admin?from=2026-02-30           | ''  | The “from” date “2026-02-30” is not a date such as 2026-01-31.
			/admin?from=2026-02-30           | de  | Das „from“-Datum „2026-02-30“ ist kein Datum wie 2026-01-31.
			/admin?page=0                    | de  | Die Seite „0“ ist keine Seitenzahl (1, 2, 3 ...).
			/admin/audit?page=x              | ''  | The page “x” is not a page number (1, 2, 3 ...).
			/admin/audit?page=x              | de  | Die Seite „x“ ist keine Seitenzahl (1, 2, 3 ...).
			/admin/export.csv?commented=yes  | de  | „commented“ ist true oder false, nicht „yes“.
			/admin/export.csv?commented=yes  | ''  | “commented” is true or false, not “yes”.
			/admin/export-sft.jsonl?context=x | de | „context“ ist turn oder conversation, nicht „x“.
			/admin/export-battles.jsonl?rating=positive | de | Arena-Duelle lassen sich nur nach den Tagen der Abstimmung („from“, „to“) filtern, nicht nach „rating“ oder „commented“.
			""")
	void aFilterThatCannotBeReadIsRefusedInTheVisitorsLanguage(String url, String language, String message)
			throws Exception {
		String html = mvc.perform(in(get(url), language)).andExpect(status().isBadRequest()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(Jsoup.parse(html).select(".alert").text()).isEqualTo(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''  | Audit log  | resend            | yyyy-MM-dd HH:mm:ss   | Page 1 of 25 (1,234 entries)
			de  | Protokoll  | Erneut gesendet   | dd.MM.yyyy, HH:mm:ss  | Seite 1 von 25 (1.234 Einträge)
			""")
	void theAuditLogInTheVisitorsLanguage(String language, String heading, String action, String pattern,
			String position) throws Exception {
		jdbc.update("delete from audit_event");
		OffsetDateTime at = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);
		List<Object[]> rows = new ArrayList<>();
		for (int i = 1; i <= 1_234; i++) {
			rows.add(new Object[] { at, "resend", "admin", "127.0.0.1", "event " + i });
		}
		jdbc.batchUpdate("insert into audit_event (at, action, actor, address, detail) values (?, ?, ?, ?, ?)", rows);
		Document page = page(in(get("/admin/audit"), language));
		assertThat(page.select("#audit-heading").text()).isEqualTo(heading);
		Element first = page.selectFirst("#audit-table tbody tr");
		assertThat(first.select(".action").text()).isEqualTo(action);
		assertThat(first.select("time").text()).isEqualTo(at.format(DateTimeFormatter.ofPattern(pattern)));
		assertThat(first.select(".detail").text()).as("stored details as they are").isEqualTo("event 1234");
		assertThat(page.select("nav.pages span").text()).isEqualTo(position);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''  | dead       | 1,234 | 2026-03-04 05:06:07   | Resend event ID     | Event ID is pending again and will be sent shortly.
			de  | aufgegeben | 1.234 | 04.03.2026, 05:06:07  | Ereignis ID erneut senden | Ereignis ID steht wieder aus und wird in Kürze gesendet.
			""")
	void theDeliveriesInTheVisitorsLanguage(String language, String status, String attempts, String created,
			String resendLabel, String resent) throws Exception {
		jdbc.update("delete from webhook_delivery");
		OffsetDateTime at = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);
		// An id beyond a thousand is an id, not a count: never grouped.
		long bigId = 12_345;
		jdbc.update("insert into webhook_delivery (id, event_id, event_type, endpoint, body, created_at, status, attempts, "
				+ "next_attempt_at, last_response) values (?, 'msg_1', 'rating', 'https://example.com/h', ?, ?, 'dead', 1234, ?, "
				+ "'HTTP 503')", bigId, "{}".getBytes(StandardCharsets.UTF_8), at, at);
		Document page = page(in(get("/admin/deliveries").param("resent", Long.toString(bigId)), language));
		Element row = page.selectFirst("#delivery-" + bigId);
		assertThat(row.select(".badge").text()).isEqualTo(status);
		assertThat(row.select(".badge").hasClass("dead")).as("the stored status stays the class").isTrue();
		assertThat(row.select(".attempts").text()).isEqualTo(attempts);
		assertThat(row.select(".time").first().text()).isEqualTo(created);
		assertThat(row.select("button.resend").attr("aria-label")).isEqualTo(resendLabel.replace("ID", Long.toString(bigId)));
		assertThat(page.select("#resent").text()).isEqualTo(resent.replace("ID", Long.toString(bigId)));
		assertThat(page.select("#count-dead").text()).isEqualTo("1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''  | en | Sign in  | Wrong username or password.             | Username
			de  | de | Anmelden | Benutzername oder Passwort ist falsch.  | Benutzername
			""")
	void theLoginPageInTheVisitorsLanguage(String language, String lang, String heading, String failed, String username)
			throws Exception {
		Document page = page(in(get("/admin/login").param("error", ""), language));
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo(lang);
		assertThat(page.select("main h2").text()).isEqualTo(heading);
		assertThat(page.select(".alert").text()).isEqualTo(failed);
		assertThat(page.select("label[for=username]").text()).isEqualTo(username);
	}

	@Test
	void theDeleteConfirmPageInGerman() throws Exception {
		UUID conversation = seeder.conversation(Instant.parse("2026-03-04T05:06:07Z"));
		Document page = page(get("/admin/conversations/{id}/delete", conversation).header(HttpHeaders.ACCEPT_LANGUAGE,
				"de"));
		assertThat(page.select("#delete-heading").text()).isEqualTo("Diese Unterhaltung löschen?");
		assertThat(page.select("#conversation-started").text()).isEqualTo("04.03.2026, 05:06");
		assertThat(page.select("#delete-conversation button").text()).isEqualTo("Unterhaltung löschen");
	}

}
