package dev.feedbackchat.admin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.feedbackchat.FeedbackChatApplication;
import dev.feedbackchat.HttpChat;
import dev.feedbackchat.admin.Seeder.Seed;
import dev.feedbackchat.model.FeedbackScale;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: inserts rated answers (100,000 by default) into a file H2 database, starts the app on it and
 * downloads each export over real HTTP, all in one JVM with a small heap, and prints a Markdown table of
 * time, rows per second and heap. Run it with {@code ./mvnw -q -Pbenchmark process-test-classes} (the
 * profile starts it with -Xmx64m); see docs/benchmarks.md.
 */
public final class ExportBenchmark {

	private static final String PASSWORD = "benchmark";

	/**
	 * H2 runs inside this JVM, so its page cache shares the small heap: 4 MB of it (H2's default would take a
	 * large part of 64 MB and leave too little for the rest, whatever the export does).
	 */
	private static final String H2_SETTINGS = ";CACHE_SIZE=4096";


	/** Prompts with what costs a CSV writer most: commas, quotes, line breaks, characters outside ASCII. */
	private static final List<String> PROMPTS = List.of(
			"How do I reset my password? I tried the link in the email, but it says \"expired\", and the support page "
					+ "sends me back to the same form.",
			"Summarize this article in three bullet points:\nThe city council voted on Tuesday to extend the bike lane "
					+ "network by 40 km, funded by the parking levy.",
			"Translate \"good morning, see you at the café\" into French, Spanish and German, and say which one is most "
					+ "formal.",
			"Write a haiku about autumn 🍂 with the word \"lantern\" in it, then explain its syllable count line by line.",
			"What's the difference between a list and a tuple in Python, and when would a named tuple be the better "
					+ "choice for a record with 5 fields?");

	private ExportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rows = Integer.getInteger("benchmark.rows", 100_000);
		Path directory = Path.of(System.getProperty("benchmark.dir", "target/benchmark"));
		deleteRecursively(directory);
		Files.createDirectories(directory);
		// As command-line arguments: they outrank the test classpath's config (an in-memory database).
		String url = "jdbc:h2:file:" + directory.toAbsolutePath() + "/feedback-chat" + H2_SETTINGS;
		ConfigurableApplicationContext app = new SpringApplicationBuilder(FeedbackChatApplication.class).run(
				"--server.port=0", "--spring.datasource.url=" + url, "--chat.admin.password=" + PASSWORD,
				"--logging.level.root=WARN", "--spring.main.banner-mode=off");
		try {
			long seedStart = System.nanoTime();
			seed(app, rows);
			Duration seeding = Duration.ofNanos(System.nanoTime() - seedStart);

			HttpChat admin = new HttpChat(((WebServerApplicationContext) app).getWebServer().getPort());
			admin.signIn("admin", PASSWORD);
			download(admin, ExportController.CSV);
			long idle = live();

			List<String> table = new ArrayList<>();
			for (String path : List.of(ExportController.CSV, ExportController.JSONL, ExportController.KTO,
					ExportController.KTO + "?context=conversation", ExportController.SFT, ExportController.DPO)) {
				long start = System.nanoTime();
				Download result;
				long used;
				try (HeapWatch heap = new HeapWatch(false)) {
					result = download(admin, path);
					used = heap.peak();
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				long held;
				try (HeapWatch heap = new HeapWatch(true)) {
					download(admin, path);
					held = heap.peak();
				}
				table.add("| `%s` | %,d | %.1f MB | %.2f s | %,.0f | %.1f MB | %.1f MB |".formatted(path, result.records(),
						result.bytes() / 1e6, seconds, result.records() / seconds, used / 1e6, held / 1e6));
			}
			System.out.printf(Locale.ROOT,
					"%nExport of %,d rows; max heap %.0f MB; %.1f MB in use when idle (after GC); Java %s; %d cores; "
							+ "seeded in %.1f s%n%n",
					rows, Runtime.getRuntime().maxMemory() / 1e6, idle / 1e6, System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors(), seeding.toMillis() / 1e3);
			System.out.println("| Export | Rows | Size | Time | Rows/s | Heap used, peak | Heap live (after full GC), peak |");
			System.out.println("|---|---:|---:|---:|---:|---:|---:|");
			table.forEach(System.out::println);
		}
		finally {
			app.close();
		}
	}

	/**
	 * The same kind of rows as the chat writes, in batches of 2,000 per transaction: conversations of five turns
	 * (stored as before V4, so the exports find each turn's context by time), reasons with every rating, and a
	 * correction with every other negative one.
	 */
	private static void seed(ConfigurableApplicationContext app, int rows) {
		Seeder seeder = new Seeder(app.getBean(JdbcTemplate.class));
		TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
		Instant start = Instant.now().minus(Duration.ofDays(60));
		FeedbackScale[] scales = FeedbackScale.values();
		for (int from = 0; from < rows; from += 2_000) {
			List<Seed> batch = new ArrayList<>();
			UUID conversation = null;
			for (int i = from; i < Math.min(rows, from + 2_000); i++) {
				if (i % TURNS == 0) {
					conversation = UUID.randomUUID();
				}
				FeedbackScale scale = scales[i % scales.length];
				int rating = i % (scale.max() + 1);
				Seed seed = Seed.rated(PROMPTS.get(i % PROMPTS.size()) + " (#" + i + ")", scale, rating,
						i % 5 == 0 ? "Comment " + i + ", with a comma and \"quotes\"" : null, start.plusSeconds(i * 50L))
					.inConversation(conversation);
				if (scale.isNegative(rating)) {
					seed = seed.withReasons("Not factually correct", "Incomplete");
					if (i % 2 == 0) {
						seed = seed.withCorrection(CORRECTION + " (#" + i + ")");
					}
				}
				else {
					seed = seed.withReasons("Helpful");
				}
				batch.add(seed);
			}
			transaction.executeWithoutResult(status -> seeder.insert(batch));
		}
	}

	/** Turns per seeded conversation; 2,000 (a batch) is a multiple of it. */
	private static final int TURNS = 5;

	private static final String CORRECTION = "The reset link expires after 24 hours: ask for a new one on the sign-in "
			+ "page, \"Forgot password?\", and use it within the day.\nThe support form cannot reset it for you.";

	private record Download(long bytes, long records) {
	}

	/**
	 * Reads the body as it arrives and keeps only counts, so the client holds no more than a buffer. Records end
	 * at a line break outside quotes (JSON escapes its line breaks; a CSV field with one is quoted); the CSV's
	 * header is one of them.
	 */
	private static Download download(HttpChat admin, String path) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = admin.open(path);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode());
		}
		boolean csv = path.endsWith(".csv");
		long bytes = 0;
		long records = 0;
		boolean quoted = false;
		byte[] buffer = new byte[64 * 1024];
		try (InputStream body = response.body()) {
			for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (csv && buffer[i] == '"') {
						quoted = !quoted;
					}
					else if (buffer[i] == '\n' && !quoted) {
						records++;
					}
				}
			}
		}
		return new Download(bytes, csv ? records - 1 : records);
	}

	/**
	 * The heap while an export runs, sampled every 5 ms: the most in use, garbage included. With
	 * {@code collecting}, a full collection before each sample, so what is left is what the app really holds
	 * (slower, so the timed run goes without it).
	 */
	private static final class HeapWatch implements AutoCloseable {

		private final AtomicLong peak = new AtomicLong();

		private final Thread sampler;

		HeapWatch(boolean collecting) {
			sampler = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					if (collecting) {
						System.gc();
					}
					peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
					try {
						Thread.sleep(collecting ? 250 : 5);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-sampler");
			sampler.setDaemon(true);
			sampler.start();
		}

		long peak() {
			return peak.get();
		}

		@Override
		public void close() throws InterruptedException {
			sampler.interrupt();
			sampler.join();
		}

	}

	/** The heap in use after a full collection, with the app idle. */
	private static long live() throws InterruptedException {
		System.gc();
		Thread.sleep(200);
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

}
