package dev.feedbackchat.load;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.feedbackchat.load.Settings.OUT;

/**
 * The load benchmark (docs/benchmarks.md, "Concurrent streams"), run by {@code ./mvnw -Pload verify}. Modes
 * ({@code -Dload.mode}, comma-separated, default {@code streams,startup,memory}): {@code streams}, user levels
 * replaying a browser's turns ({@link StreamsMode}); {@code startup} ({@link StartupMode}); {@code memory},
 * memory per session ({@link MemoryMode}); {@code plot} alone only redraws docs/load.svg from
 * {@code -Dload.plotExtra}.
 */
public final class LoadBenchmark {

	public static void main(String[] args) throws Exception {
		// With 2 cores the common pool has parallelism 1, and CompletableFuture then starts a new thread per
		// async completion (the HttpClient completes its futures that way): give it real threads.
		System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
		Files.createDirectories(OUT);
		String modes = Settings.modes();
		// read first: a recording the client cannot replay fails before any server starts
		List<TurnScript.Step> steps = TurnScript.load();
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("machine", Report.machine());
		results.put("turnRequests", steps.stream().map(s -> s.line).toList());
		if (modes.contains("streams")) {
			List<Map<String, Object>> levels = StreamsMode.run(steps, results);
			Report.printTable(levels);
			Report.plot(levels);
		}
		if (modes.equals("plot")) {
			Report.plot(List.of());
		}
		if (modes.contains("startup")) {
			results.put("startup", StartupMode.run(Settings.startupRuns()));
			Report.write(results);
		}
		if (modes.contains("memory")) {
			results.put("sessionMemory", MemoryMode.run(Settings.sessions(), steps));
			Report.write(results);
		}
		System.out.println("Results: " + OUT.resolve("results.json").toAbsolutePath());
		System.exit(0);
	}

	private LoadBenchmark() {
	}

}
