package dev.feedbackchat.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.arena.ArenaLeaderboard;
import dev.feedbackchat.arena.ArenaRecord;
import dev.feedbackchat.arena.Battle;
import dev.feedbackchat.arena.Leaderboard;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Times {@code /arena/leaderboard} from the database (docs/benchmarks.md, "Arena leaderboard from the
 * database"): inserts {@code benchmark.battles} voted battles among {@code benchmark.contenders} contenders, with
 * prompts and answers of realistic length, into a file H2 database as the app keeps it by default, starts the app
 * on it with the arena enabled, and times the page over real HTTP with the cache invalidated before each request
 * (so every request reads every battle, fits and bootstraps the leaderboard and renders it), median of
 * {@code benchmark.runs} runs after as many warm-up runs; the parts apart: {@link ArenaRecord#battles()},
 * {@link Leaderboard#compute} and the page with a cached leaderboard. Run by
 * {@code ./mvnw -q -Pbenchmark process-test-classes} (with the other benchmarks) or alone by
 * {@code ./mvnw -q -Pbenchmark test-compile exec:exec@leaderboard-page-benchmark}.
 */
public final class LeaderboardPageBenchmark {

	private static final String PATH = "/arena/leaderboard";

	/** Battles per insert transaction. */
	private static final int BATCH = 5_000;

	private LeaderboardPageBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int battleCount = Integer.getInteger("benchmark.battles", 100_000);
		int contenders = Integer.getInteger("benchmark.contenders", 10);
		int runs = Integer.getInteger("benchmark.runs", 5);
		int answerChars = Integer.getInteger("benchmark.answerChars", 1_000);
		Path directory = Path.of(System.getProperty("benchmark.dir", "target/benchmark-arena"));
		deleteRecursively(directory);
		Files.createDirectories(directory);
		// The app's default database (application.yml), in a directory of its own; as command-line arguments, which
		// outrank the test classpath's in-memory one.
		String url = "jdbc:h2:file:" + directory.toAbsolutePath() + "/feedback-chat;QUERY_CACHE_SIZE=32";
		ConfigurableApplicationContext app = new SpringApplicationBuilder(FeedbackChatApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + url, "--chat.arena.enabled=true",
				"--chat.admin.password=benchmark", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
		try {
			long start = System.nanoTime();
			List<Battle> battles = LeaderboardBenchmark.simulate(battleCount, contenders, 42);
			insert(app, battles, answerChars);
			double seeding = (System.nanoTime() - start) / 1e9;

			ArenaRecord record = app.getBean(ArenaRecord.class);
			ArenaLeaderboard cache = app.getBean(ArenaLeaderboard.class);
			Page page = new Page(((WebServerApplicationContext) app).getWebServer().getPort(), battleCount, contenders);

			cache.invalidate();
			start = System.nanoTime();
			page.get();
			double first = (System.nanoTime() - start) / 1e6;

			double[] whole = new double[runs];
			double[] read = new double[runs];
			double[] compute = new double[runs];
			double[] cached = new double[runs];
			for (int run = -runs; run < runs; run++) {
				cache.invalidate();
				start = System.nanoTime();
				page.get();
				double wholeMs = (System.nanoTime() - start) / 1e6;

				start = System.nanoTime();
				List<Battle> read1 = record.battles();
				double readMs = (System.nanoTime() - start) / 1e6;
				start = System.nanoTime();
				Leaderboard.compute(read1);
				double computeMs = (System.nanoTime() - start) / 1e6;

				page.get(); // cached since the first request of this run
				start = System.nanoTime();
				page.get();
				double cachedMs = (System.nanoTime() - start) / 1e6;
				if (run >= 0) {
					whole[run] = wholeMs;
					read[run] = readMs;
					compute[run] = computeMs;
					cached[run] = cachedMs;
				}
			}
			System.out.printf(Locale.ROOT,
					"%nArena leaderboard page from the database: %,d voted battles, %d contenders, answers of %,d "
							+ "characters, file H2; %d resamples; median of %d runs after %d warm-up runs; Java %s; %d "
							+ "cores; max heap %.0f MB; inserted in %.1f s%n%n",
					battleCount, contenders, answerChars, Leaderboard.DEFAULT_RESAMPLES, runs, runs,
					System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
					Runtime.getRuntime().maxMemory() / 1e6, seeding);
			System.out.println("| What | Median | Runs |");
			System.out.println("|---|---:|---|");
			row("`GET " + PATH + "`, cache invalidated before (read + compute + render)", whole);
			row("`ArenaRecord.battles()` (read)", read);
			row("`Leaderboard.compute` (fit + bootstrap)", compute);
			row("`GET " + PATH + "`, cached leaderboard (render + HTTP)", cached);
			System.out.printf(Locale.ROOT, "| first request after start, cache cold, JIT cold | %.0f ms | |%n", first);
		}
		finally {
			app.close();
		}
	}

	private static void row(String what, double[] millis) {
		String all = String.join(", ", Arrays.stream(millis).mapToObj(ms -> "%.0f".formatted(ms)).toList());
		System.out.printf(Locale.ROOT, "| %s | %.0f ms | %s |%n", what, median(millis), all);
	}

	/**
	 * The battles as the arena stores them, each voted a second after the previous one, with a prompt and two
	 * answers of about {@code answerChars} characters (the join reads whole rows, so their size counts).
	 */
	private static void insert(ConfigurableApplicationContext app, List<Battle> battles, int answerChars) {
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
		String filler = "All work and no play makes a model a dull answerer, \"quoted\" and\nbroken over lines. ";
		String answer = filler.repeat(answerChars / filler.length() + 1).substring(0, answerChars);
		Instant first = Instant.now().minusSeconds(battles.size() + 3_600L);
		for (int from = 0; from < battles.size(); from += BATCH) {
			List<Object[]> battleRows = new ArrayList<>(BATCH);
			List<Object[]> voteRows = new ArrayList<>(BATCH);
			for (int i = from; i < Math.min(battles.size(), from + BATCH); i++) {
				Battle battle = battles.get(i);
				UUID id = UUID.randomUUID();
				Instant at = first.plusSeconds(i);
				battleRows.add(new Object[] { id, "Prompt #" + i + ": explain the difference between a process and a "
						+ "thread, with an example in Java.", battle.a(), battle.b(), battle.a() + ": " + answer,
						battle.b() + ": " + answer, "complete", "complete", at.minusSeconds(30).atOffset(ZoneOffset.UTC) });
				voteRows.add(new Object[] { id, switch (battle.outcome()) {
					case A_WINS -> "a";
					case B_WINS -> "b";
					case TIE -> "tie";
					case BOTH_BAD -> "bothbad";
				}, at.atOffset(ZoneOffset.UTC) });
			}
			transaction.executeWithoutResult(status -> {
				jdbc.batchUpdate("insert into arena_battle (id, prompt, contender_a, contender_b, answer_a, answer_b, "
						+ "status_a, status_b, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", battleRows);
				jdbc.batchUpdate("insert into arena_vote (battle_id, outcome, voted_at) values (?, ?, ?)", voteRows);
			});
		}
	}

	/** The page over real HTTP, checked: 200, every contender and every vote on it. */
	private record Page(HttpClient client, URI uri, int battles, int contenders) {

		Page(int port, int battles, int contenders) {
			this(HttpClient.newHttpClient(), URI.create("http://localhost:" + port + PATH), battles, contenders);
		}

		void get() throws IOException, InterruptedException {
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
					HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			if (response.statusCode() != 200 || !body.contains("<span id=\"votes\">" + battles + "</span>")) {
				throw new IllegalStateException(PATH + " answered " + response.statusCode() + " without "
						+ battles + " votes");
			}
			for (int i = 0; i < contenders; i++) {
				if (!body.contains(">m" + i + "</th>")) {
					throw new IllegalStateException(PATH + " lacks contender m" + i);
				}
			}
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}
}
