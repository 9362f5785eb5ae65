package dev.feedbackchat.arena.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.arena.ArenaLeaderboard;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Battles;
import dev.feedbackchat.arena.Battle;
import dev.feedbackchat.arena.Leaderboard;
import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.Standing;
import dev.feedbackchat.redaction.Redactor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class LeaderboardPageTests {

	static final String PAGE = "/arena/leaderboard";

	/** A name that would be markup if it were not escaped. */
	static final String C = "<i>C</i> & co";

	@Nested
	@ChatWebTest
	@Import({ ArenaRecord.class, Redactor.class, ArenaLeaderboard.class, ArenaSecurityConfiguration.class })
	class Disabled {

		@Autowired
		MockMvc mvc;

		@Test
		void thereIsNoLeaderboard() throws Exception {
			mvc.perform(get(PAGE)).andExpect(status().isNotFound());
			mvc.perform(get(PAGE).with(user("admin").roles("ADMIN"))).andExpect(status().isNotFound());
		}
	}

	@Nested
	@ChatWebTest
	@Import({ ArenaRecord.class, Redactor.class, ArenaLeaderboard.class, ArenaSecurityConfiguration.class })
	@TestPropertySource(properties = "chat.arena.enabled=true")
	class Public {

		@Autowired
		MockMvc mvc;

		/** The battle page's collaborators: not what these tests are about. */
		@MockitoBean
		Battles battles;

		@MockitoBean
		ArenaViews views;

		@Autowired
		ArenaRecord record;

		@Autowired
		ArenaLeaderboard leaderboard;

		@Autowired
		JdbcTemplate jdbc;

		/** Each test starts with no votes: the context, and its database, are shared. */
		@BeforeEach
		void noVotes() {
			jdbc.update("delete from arena_vote");
			jdbc.update("delete from arena_battle");
			leaderboard.invalidate();
		}

		void vote(String a, String b, Outcome outcome, List<Battle> seeded) {
			UUID id = UUID.randomUUID();
			record.saveBattle(id, "prompt", a, b, Instant.now());
			assertThat(leaderboard.vote(id, outcome)).isTrue();
			seeded.add(new Battle(a, b, outcome));
		}

		Document page() throws Exception {
			return Jsoup.parse(mvc.perform(get(PAGE)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString());
		}

		@Test
		void emptyThenTheVotesInOrderWithTheirNumbersEscaped() throws Exception {
			Document empty = page();
			assertThat(empty.select("#empty").text()).isEqualTo("No votes yet.");
			assertThat(empty.select("#standings, #win-rates")).isEmpty();
			assertThat(empty.select("header.topbar h1").text()).isEqualTo("Arena leaderboard");

			List<Battle> seeded = new ArrayList<>();
			// A beats B 8 to 2 (on either side), B beats C 7 to 3 with a tie and a "both are bad"; A and C never met.
			for (int i = 0; i < 8; i++) {
				vote(i % 2 == 0 ? "A" : "B", i % 2 == 0 ? "B" : "A", i % 2 == 0 ? Outcome.A_WINS : Outcome.B_WINS, seeded);
			}
			vote("A", "B", Outcome.B_WINS, seeded);
			vote("B", "A", Outcome.A_WINS, seeded);
			for (int i = 0; i < 7; i++) {
				vote("B", C, Outcome.A_WINS, seeded);
			}
			for (int i = 0; i < 3; i++) {
				vote(C, "B", Outcome.A_WINS, seeded);
			}
			vote("B", C, Outcome.TIE, seeded);
			vote(C, "B", Outcome.BOTH_BAD, seeded);

			Document page = page();
			assertThat(page.select("#empty")).isEmpty();
			assertThat(page.select("#votes").text()).isEqualTo("22");
			List<List<String>> rows = page.select("#standings tbody tr").stream()
				.map(row -> row.children().stream().map(Element::text).toList())
				.toList();
			List<Standing> expected = Leaderboard.compute(seeded).standings();
			assertThat(rows).extracting(row -> row.get(1)).containsExactly("A", "B", C);
			assertThat(rows).extracting(row -> row.subList(4, 8)).containsExactly(List.of("10", "8", "2", "0"),
					List.of("22", "9", "11", "2"), List.of("12", "3", "7", "2"));
			for (int i = 0; i < 3; i++) {
				Standing standing = expected.get(i);
				assertThat(rows.get(i).get(0)).isEqualTo(String.valueOf(standing.rank()));
				assertThat(rows.get(i).get(2)).isEqualTo(String.valueOf(Math.round(standing.rating())));
				assertThat(rows.get(i).get(3)).isEqualTo("-" + Math.round(standing.rating() - standing.lower()) + " / +"
						+ Math.round(standing.upper() - standing.rating()));
			}
			assertThat(Integer.parseInt(rows.get(0).get(2))).isGreaterThan(Integer.parseInt(rows.get(1).get(2)));
			assertThat(Integer.parseInt(rows.get(1).get(2))).isGreaterThan(Integer.parseInt(rows.get(2).get(2)));
			assertThat(rows.get(0).get(3)).matches("-\\d+ / \\+\\d+");

			assertThat(page.select("#win-rates thead th").eachText()).containsExactly("A", "B", C);
			assertThat(page.select("#win-rates tbody tr").stream().map(row -> row.children().eachText()).toList())
				.containsExactly(List.of("A", "-", "80%", "-"), List.of("B", "20%", "-", "67%"),
						List.of(C, "-", "33%", "-"));
			assertThat(page.select("i")).as("names are text, never markup").isEmpty();
			assertThat(page.select("[style], style, script:not([src])")).isEmpty();
		}

		/** The page in the visitor's language, its numbers in that locale; contender names as configured. */
		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				''  | en | Arena leaderboard | Win rates   | 80%  | 20%  | Bradley-Terry ratings on the Elo scale from 10 votes
				de  | de | Arena-Rangliste   | Siegquoten  | 80 % | 20 % | Bradley-Terry-Wertungen auf der Elo-Skala aus 10 Stimmen
				""")
		void inTheVisitorsLanguage(String language, String lang, String title, String winRates, String aOverB,
				String bOverA, String intro) throws Exception {
			List<Battle> seeded = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				vote("A", "B", i < 8 ? Outcome.A_WINS : Outcome.B_WINS, seeded);
			}
			Document page = Jsoup.parse(mvc.perform(language.isEmpty() ? get(PAGE)
					: get(PAGE).header(HttpHeaders.ACCEPT_LANGUAGE, language))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
			assertThat(page.selectFirst("html").attr("lang")).isEqualTo(lang);
			assertThat(page.select("header.topbar h1").text()).isEqualTo(title);
			assertThat(page.select("#win-rates-heading").text()).isEqualTo(winRates);
			// (jsoup's text() shows the no-break space before a German percent sign as a space)
			assertThat(page.select("#win-rates tbody tr").stream().map(row -> row.children().eachText()).toList())
				.containsExactly(List.of("A", "-", aOverB), List.of("B", bOverA, "-"));
			assertThat(page.select("#standings-heading + p.count").text()).startsWith(intro);
			assertThat(page.select("#standings tbody td.elo").eachText()).allMatch(rating -> rating.matches("\\d+"));
		}
	}

	@Nested
	@ChatWebTest
	@Import({ ArenaRecord.class, Redactor.class, ArenaLeaderboard.class, ArenaSecurityConfiguration.class })
	@TestPropertySource(properties = { "chat.arena.enabled=true", "chat.arena.leaderboard-public=false" })
	class AdminOnly {

		@Autowired
		MockMvc mvc;

		/** The battle page's collaborators: not what these tests are about. */
		@MockitoBean
		Battles battles;

		@MockitoBean
		ArenaViews views;

		@Test
		void anonymousVisitorsGoToTheLoginPage() throws Exception {
			mvc.perform(get(PAGE)).andExpect(status().isFound()).andExpect(redirectedUrl("/admin/login"));
		}

		@Test
		void theAdminSeesIt() throws Exception {
			mvc.perform(get(PAGE).with(user("admin").roles("ADMIN"))).andExpect(status().isOk());
		}

		@Test
		void anotherRoleIsRefused() throws Exception {
			mvc.perform(get(PAGE).with(user("someone").roles("USER"))).andExpect(status().isForbidden());
		}

		@Test
		void theChatStaysOpen() throws Exception {
			mvc.perform(get("/")).andExpect(status().isOk());
		}
	}
}
