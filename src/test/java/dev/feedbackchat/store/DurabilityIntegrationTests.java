package dev.feedbackchat.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole application contexts started, stopped and run side by side on one database. */
class DurabilityIntegrationTests {

	static ConfigurableApplicationContext start(String databaseUrl, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + databaseUrl,
				"--chat.echo.delay=1ms"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(FeedbackChatApplication.class).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Test
	void ratingsAndCommentsSurviveARestartOnTheSameH2File(@TempDir Path data) throws Exception {
		String url = "jdbc:h2:file:" + data.resolve("feedback-chat");
		String answerId;
		try (ConfigurableApplicationContext first = start(url)) {
			HttpChat chat = new HttpChat(port(first));
			answerId = chat.send("remember me, \"please\"");
			chat.readAll(answerId, null);
			assertThat(chat.rate(answerId, 0).statusCode()).isEqualTo(200);
			assertThat(chat.post("/messages/" + answerId + "/comment", Map.of("comment", "Too short.")).statusCode())
				.isEqualTo(200);
		}
		try (ConfigurableApplicationContext second = start(url)) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			var stored = jdbc.sql("select p.content as prompt, a.content as answer, f.rating, f.comment from feedback f "
					+ "join message a on a.id = f.message_id join message p on p.id = a.prompt_id where a.id = ?")
				.param(UUID.fromString(answerId))
				.query((rs, n) -> List.of(rs.getString("prompt"), rs.getString("answer"), rs.getInt("rating"),
						rs.getString("comment")))
				.single();
			assertThat(stored).containsExactly("remember me, \"please\"", "You said, \"remember me, \"please\"\" ...interesting.",
					0, "Too short.");
			// The restarted app still holds the lock for this answer.
			assertThat(second.getBean(ChatRecord.class).rateOnce(UUID.fromString(answerId), ChatRecordContract.UP)).isFalse();
		}
	}

	@Test
	void concurrentRatingsThroughTwoAppContextsOnOnePostgresStoreOneRow() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgresServer.start()) {
			String url = EmbeddedPostgresServer.url(postgres);
			String[] credentials = { "--spring.datasource.username=postgres", "--spring.datasource.password=postgres" };
			try (ConfigurableApplicationContext a = start(url, credentials);
					ConfigurableApplicationContext b = start(url, credentials)) {
				HttpChat chat = new HttpChat(port(a));
				UUID answerId = UUID.fromString(chat.send("one row only"));
				chat.readAll(answerId.toString(), null);

				List<ChatRecord> instances = List.of(a.getBean(ChatRecord.class), b.getBean(ChatRecord.class));
				CountDownLatch go = new CountDownLatch(1);
				List<Callable<Boolean>> raters = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					ChatRecord instance = instances.get(i % 2);
					Rating rating = i % 3 == 0 ? ChatRecordContract.DOWN : ChatRecordContract.UP;
					raters.add(() -> {
						go.await();
						return instance.rateOnce(answerId, rating);
					});
				}
				ExecutorService pool = Executors.newFixedThreadPool(20);
				int stored = 0;
				try {
					List<Future<Boolean>> results = raters.stream().map(pool::submit).toList();
					go.countDown();
					for (Future<Boolean> result : results) {
						stored += result.get() ? 1 : 0;
					}
				}
				finally {
					pool.shutdownNow();
				}
				assertThat(stored).isEqualTo(1);
				assertThat(b.getBean(JdbcClient.class)
					.sql("select count(*) from feedback where message_id = ?")
					.param(answerId)
					.query(Long.class)
					.single()).isEqualTo(1);
				// The HTTP rating through instance A now meets the lock held in the database.
				assertThat(chat.rate(answerId.toString(), 1).statusCode()).isEqualTo(409);
			}
		}
	}

}
