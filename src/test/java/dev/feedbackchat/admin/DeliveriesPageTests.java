package dev.feedbackchat.admin;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import dev.feedbackchat.ChatWebTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ChatWebTest
@WithMockUser(username = "admin", roles = "ADMIN")
class DeliveriesPageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	long dead;

	long delivered;

	@BeforeEach
	void seed() {
		jdbc.update("delete from webhook_delivery");
		dead = insert("msg_dead", "dead", "<script>alert(1)</script> refused");
		delivered = insert("msg_delivered", "delivered", "HTTP 204");
	}

	long insert(String eventId, String status, String response) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		jdbc.update("insert into webhook_delivery (event_id, event_type, endpoint, body, created_at, status, attempts, "
				+ "next_attempt_at, last_response) values (?, 'rating', 'https://example.com/h', ?, ?, ?, 12, ?, ?)",
				eventId, "{}".getBytes(StandardCharsets.UTF_8), now, status, now, response);
		return jdbc.queryForObject("select id from webhook_delivery where event_id = ?", Long.class, eventId);
	}

	@Test
	void listsEventsWithTheirStatusAndEscapesWhatReceiversAnswered() throws Exception {
		String html = mvc.perform(get("/admin/deliveries")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat(html).doesNotContain("<script>alert(1)</script>");
		Document page = Jsoup.parse(html);
		assertThat(page.select("#delivery-" + dead + " .response").text()).isEqualTo("<script>alert(1)</script> refused");
		assertThat(page.select("#delivery-" + dead + " form button.resend")).hasSize(1);
		assertThat(page.select("#delivery-" + dead + " form input[name=_csrf]")).hasSize(1);
		assertThat(page.select("#delivery-" + delivered + " button.resend")).isEmpty();
		assertThat(page.select("#count-dead").text()).isEqualTo("1");
		assertThat(page.select("#count-pending").text()).isEqualTo("0");
	}

	@Test
	void resendMakesADeadEventPendingAgainOnlyOnce() throws Exception {
		mvc.perform(post("/admin/deliveries/{id}/resend", dead).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/admin/deliveries?resent=" + dead));
		assertThat(jdbc.queryForObject("select status || '/' || attempts from webhook_delivery where id = ?", String.class,
				dead)).isEqualTo("pending/0");
		assertThat(Jsoup.parse(mvc.perform(get("/admin/deliveries").param("resent", Long.toString(dead)))
			.andReturn().getResponse().getContentAsString()).select("#resent").text()).contains("Event " + dead);

		mvc.perform(post("/admin/deliveries/{id}/resend", dead).with(csrf())).andExpect(status().isConflict());
		mvc.perform(post("/admin/deliveries/{id}/resend", delivered).with(csrf())).andExpect(status().isConflict());
		mvc.perform(post("/admin/deliveries/{id}/resend", 999_999).with(csrf())).andExpect(status().isConflict());
		mvc.perform(post("/admin/deliveries/{id}/resend", "x").with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(get("/admin/deliveries").param("resent", "x")).andExpect(status().isBadRequest());
	}

	@Test
	void resendNeedsTheCsrfToken() throws Exception {
		mvc.perform(post("/admin/deliveries/{id}/resend", dead)).andExpect(status().isForbidden());
		assertThat(jdbc.queryForObject("select status from webhook_delivery where id = ?", String.class, dead))
			.isEqualTo("dead");
	}

	@Test
	@WithMockUser(username = "someone", roles = "USER")
	void isForTheAdminOnly() throws Exception {
		mvc.perform(get("/admin/deliveries")).andExpect(status().isForbidden());
		mvc.perform(post("/admin/deliveries/{id}/resend", dead).with(csrf())).andExpect(status().isForbidden());
	}

}
