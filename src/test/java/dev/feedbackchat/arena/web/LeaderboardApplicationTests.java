package dev.feedbackchat.arena.web;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.arena.ArenaLeaderboard;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Outcome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The whole application wired as it runs (component scan, every filter chain in its order), admin-only leaderboard. */
@SpringBootTest(properties = { "chat.arena.enabled=true", "chat.arena.leaderboard-public=false" })
@AutoConfigureMockMvc
class LeaderboardApplicationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ArenaRecord record;

	@Autowired
	ArenaLeaderboard leaderboard;

	@Test
	void theAdminOnlyLeaderboardInTheWholeApplication() throws Exception {
		mvc.perform(get("/arena/leaderboard")).andExpect(status().isFound()).andExpect(redirectedUrl("/admin/login"));
		UUID id = UUID.randomUUID();
		record.saveBattle(id, "prompt", "Left", "Right", Instant.now());
		leaderboard.vote(id, Outcome.B_WINS);
		mvc.perform(get("/arena/leaderboard").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Right")));
		mvc.perform(get("/")).andExpect(status().isOk());
	}
}
