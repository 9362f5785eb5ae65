package dev.feedbackchat.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.feedbackchat.ChatWebTest;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.model.ConversationDeleted;
import dev.feedbackchat.privacy.AuditLog;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static dev.feedbackchat.model.FeedbackScale.THUMBS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin's side of privacy: deleting a conversation from the dashboard, and the audit log with its page. */
@ChatWebTest
@Import(SignInAudit.class)
@RecordApplicationEvents
class AdminPrivacyTests {

	static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApplicationEvents events;

	@Autowired
	AuditLog audit;

	Seeder seeder;

	@BeforeEach
	void seed() {
		seeder = new Seeder(jdbc);
		seeder.clear();
		jdbc.update("delete from audit_event");
	}

	static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	static MockHttpServletRequestBuilder login(String userName, String password) {
		return post("/admin/login").param("username", userName).param("password", password).with(csrf());
	}

	List<Map<String, Object>> entries() {
		return jdbc.queryForList("select action, actor, address, detail from audit_event order by id");
	}

	@Test
	void eachRowOfTheDashboardLeadsToAConfirmPageThatDeletesItsConversation() throws Exception {
		Seed kept = Seed.rated("keep me", THUMBS, 1, null, AdminDashboardTests.at(AdminDashboardTests.D, 9, 0, 0));
		Seed deleted = Seed.rated("delete me", THUMBS, 0, "bad", AdminDashboardTests.at(AdminDashboardTests.D, 10, 0, 0));
		seeder.insert(kept, deleted);
		Document dashboard = Jsoup.parse(mvc.perform(get("/admin").with(ADMIN)).andReturn().getResponse()
			.getContentAsString());
		Element row = dashboard.select("#rated-table tbody tr").stream()
			.filter(tr -> tr.text().contains("delete me"))
			.findFirst()
			.orElseThrow();
		String confirmUrl = "/admin/conversations/" + deleted.conversationId() + "/delete";
		assertThat(row.selectFirst("a.delete-conversation").attr("href")).isEqualTo(confirmUrl);
		assertThat(dashboard.select("#rated-table a.delete-conversation")).hasSize(2);

		Document confirm = Jsoup.parse(mvc.perform(get(confirmUrl).with(ADMIN)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
		assertThat(confirm.selectFirst("#conversation-messages").text()).isEqualTo("2");
		assertThat(confirm.selectFirst("#conversation-ratings").text()).isEqualTo("1");
		Element form = confirm.selectFirst("form#delete-conversation");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo(confirmUrl);
		assertThat(form.select("input[name=_csrf]")).hasSize(1);
		assertThat(confirm.select("script:not([src]), [style], [^on]")).isEmpty();
		// Nothing is deleted by looking, nor without the CSRF token.
		mvc.perform(post(confirmUrl).with(ADMIN)).andExpect(status().isForbidden());
		assertThat(jdbc.queryForObject("select count(*) from conversation", Integer.class)).isEqualTo(2);

		mvc.perform(post(confirmUrl).with(ADMIN).with(csrf()).with(from("10.1.2.3")))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin"));

		assertThat(jdbc.queryForList("select id from conversation", UUID.class)).containsExactly(kept.conversationId());
		assertThat(jdbc.queryForObject("select count(*) from feedback", Integer.class)).isOne();
		Document after = Jsoup.parse(mvc.perform(get("/admin").with(ADMIN)).andReturn().getResponse()
			.getContentAsString());
		assertThat(after.select("#rated-table tbody tr")).hasSize(1);
		assertThat(after.selectFirst("#total-conversations").text()).isEqualTo("1");
		assertThat(events.stream(ConversationDeleted.class)).singleElement().satisfies(event -> {
			assertThat(event.conversationId()).isEqualTo(deleted.conversationId());
			assertThat(event.by()).isEqualTo("admin");
		});
		assertThat(entries()).singleElement().satisfies(entry -> {
			assertThat(entry).containsEntry("action", "delete").containsEntry("actor", "admin")
				.containsEntry("address", "10.1.2.3");
			assertThat((String) entry.get("detail")).contains(deleted.conversationId().toString(), "by admin",
					"1 conversation(s), 2 message(s), 1 rating(s)");
		});
		// Gone: both steps answer 404.
		mvc.perform(get(confirmUrl).with(ADMIN)).andExpect(status().isNotFound());
		mvc.perform(post(confirmUrl).with(ADMIN).with(csrf())).andExpect(status().isNotFound());
	}

	@Test
	void unknownAndMalformedIds() throws Exception {
		String unknown = "/admin/conversations/" + UUID.randomUUID() + "/delete";
		mvc.perform(get(unknown).with(ADMIN)).andExpect(status().isNotFound());
		mvc.perform(post(unknown).with(ADMIN).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(get("/admin/conversations/not-an-id/delete").with(ADMIN)).andExpect(status().isBadRequest());
		mvc.perform(get(unknown)).andExpect(status().isFound()).andExpect(redirectedUrl("/admin/login"));
		assertThat(entries()).isEmpty();
	}

	@Test
	void signInsAndFailuresAreLoggedWithTheNameAndAddressButNeverThePassword() throws Exception {
		String wrong = "Wr0ng-Pa55word-for-admin";
		String other = "s3cret-of-the-intruder";
		mvc.perform(login("admin", wrong).with(from("10.0.0.7")));
		mvc.perform(login("intruder\n<script>alert(1)</script>" + "x".repeat(300), other)
			.with(from("10.0.0.8")));
		mvc.perform(login("admin", AdminSecurityTests.PASSWORD).with(from("10.0.0.7")))
			.andExpect(redirectedUrl("/admin"));
		// HTTP Basic: a failure is logged, a success (a scraper's every request) is not.
		mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "basic-" + wrong)).with(from("10.0.0.9")));
		mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", AdminSecurityTests.PASSWORD)));

		List<Map<String, Object>> entries = entries();
		assertThat(entries).extracting(entry -> entry.get("action"))
			.containsExactly("sign-in-failed", "sign-in-failed", "sign-in", "sign-in-failed");
		assertThat(entries.get(0)).containsEntry("actor", "admin").containsEntry("address", "10.0.0.7");
		assertThat((String) entries.get(0).get("detail")).isEqualTo("via form: BadCredentialsException");
		String intruder = (String) entries.get(1).get("actor");
		assertThat(intruder).startsWith("intruder <script>").hasSize(100).endsWith("…").doesNotContain("\n");
		assertThat(entries.get(2)).containsEntry("actor", "admin").containsEntry("detail", "via form");
		assertThat(entries.get(3)).containsEntry("address", "10.0.0.9").containsEntry("detail",
				"via basic: BadCredentialsException");
		String everything = jdbc.queryForList("select * from audit_event").toString();
		assertThat(everything).doesNotContain(wrong, other, AdminSecurityTests.PASSWORD);

		// The page escapes what a client sent.
		String page = mvc.perform(get("/admin/audit").with(ADMIN)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
		assertThat(Jsoup.parse(page).select("script:not([src])")).isEmpty();
	}

	@Test
	void exportsAreLoggedWithTheirFilterAndTheRowsWritten() throws Exception {
		seeder.insert(Seed.rated("up", THUMBS, 1, null, AdminDashboardTests.at(AdminDashboardTests.D, 9, 0, 0)),
				Seed.rated("down", THUMBS, 0, "no", AdminDashboardTests.at(AdminDashboardTests.D, 10, 0, 0)),
				Seed.rated("down again", THUMBS, 0, null, AdminDashboardTests.at(AdminDashboardTests.D, 11, 0, 0)));
		download("/admin/export.csv?rating=negative&commented=");
		download("/admin/export.jsonl");
		download("/admin/export-kto.jsonl?context=turn");
		download("/admin/export-battles.jsonl");

		List<Map<String, Object>> entries = entries();
		assertThat(entries).extracting(entry -> entry.get("action")).containsOnly("export");
		assertThat(entries).extracting(entry -> entry.get("actor")).containsOnly("admin");
		assertThat(entries).extracting(entry -> entry.get("detail")).containsExactly(
				"/admin/export.csv?rating=negative: 2 row(s)", "/admin/export.jsonl: 3 row(s)",
				"/admin/export-kto.jsonl?context=turn: 3 row(s)", "/admin/export-battles.jsonl: 0 row(s)");
	}

	void download(String url) throws Exception {
		MvcResult started = mvc.perform(get(url).with(ADMIN)).andExpect(request().asyncStarted()).andReturn();
		mvc.perform(asyncDispatch(started)).andExpect(status().isOk());
	}

	@Test
	void theAuditPageShowsTheNewestFirstAPageAtATime() throws Exception {
		for (int i = 1; i <= 51; i++) {
			audit.record(AuditLog.RESEND, "admin", "127.0.0.1", "event " + i);
		}
		Document first = Jsoup.parse(mvc.perform(get("/admin/audit").with(ADMIN)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString());
		assertThat(first.select("#audit-table tbody tr")).hasSize(50);
		assertThat(first.selectFirst("#audit-table tbody tr .detail").text()).isEqualTo("event 51");
		assertThat(first.selectFirst("#audit-table tbody tr .action").text()).isEqualTo("resend");
		assertThat(first.selectFirst("nav.pages a[rel=next]").attr("href")).isEqualTo("/admin/audit?page=2");
		assertThat(first.selectFirst("nav.pages span").text()).isEqualTo("Page 1 of 2 (51 entries)");
		assertThat(first.selectFirst("#account a[href=/admin]")).isNotNull();
		Document second = Jsoup.parse(mvc.perform(get("/admin/audit?page=2").with(ADMIN)).andReturn().getResponse()
			.getContentAsString());
		assertThat(second.select("#audit-table tbody tr .detail")).extracting(Element::text).containsExactly("event 1");
		mvc.perform(get("/admin/audit?page=0").with(ADMIN)).andExpect(status().isBadRequest());
		mvc.perform(get("/admin/audit")).andExpect(redirectedUrl("/admin/login"));
		// The dashboard links to it.
		Document dashboard = Jsoup.parse(mvc.perform(get("/admin").with(ADMIN)).andReturn().getResponse()
			.getContentAsString());
		assertThat(dashboard.selectFirst("#account a#audit-link").attr("href")).isEqualTo("/admin/audit");
	}

	/** The API a Deliveries page's Resend calls. */
	@Test
	@WithMockUser(username = "ops", roles = "ADMIN")
	void recordTakesTheSignedInUser() {
		audit.record(AuditLog.RESEND, "event 7 resent");
		assertThat(entries()).singleElement().satisfies(entry -> assertThat(entry).containsEntry("action", "resend")
			.containsEntry("actor", "ops")
			.containsEntry("detail", "event 7 resent"));
	}

}
