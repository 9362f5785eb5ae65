package dev.feedbackchat.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.feedbackchat.load.Settings.OUT;
import static dev.feedbackchat.load.Settings.round;

/** The results: a table on the console, target/load/results.json with every figure, and the plot. */
final class Report {

	@SuppressWarnings("unchecked")
	static void printTable(List<Map<String, Object>> levels) {
		System.out.printf("%n%6s | %-22s | %-22s | %-22s | %6s | %7s | %5s | %6s | %5s | %5s | %5s | %6s | %6s%n", "users",
				"gap ms p50/p99/max", "first char p50/p99/max", "rating p50/p99/max", "errors", "turns/s", "req/t",
				"ms/t S", "cpu S", "cpu G", "cpu D", "RSS MB", "heap MB");
		System.out.println("(ms/t S: server CPU per turn; cpu S, G, D: server, load generator, database, in cores;"
				+ " database work per turn in results.json)");
		for (Map<String, Object> l : levels) {
			System.out.printf("%6d | %-22s | %-22s | %-22s | %6d | %7.1f | %5.2f | %6.2f | %5.2f | %5.2f | %5s | %6d | %6d%n",
					l.get("users"), triple((Map<String, Object>) l.get("gapMs")),
					triple((Map<String, Object>) l.get("firstCharacterMs")), triple((Map<String, Object>) l.get("ratingMs")),
					l.get("errors"), l.get("turnsPerSecond"), l.get("requestsPerTurn"), l.get("serverCpuMsPerTurn"),
					l.get("serverCpuCores"), l.get("clientCpuCores"), l.getOrDefault("databaseCpuCores", "-"),
					l.get("serverRssMaxMb"), l.get("serverHeapUsedMb"));
			if (l.get("database") instanceof Map<?, ?> db) {
				System.out.printf("%6s   database per turn: %s transactions, %s statements, rows %s inserted / %s updated"
						+ " / %s deleted / %s read; %s ms PostgreSQL CPU%n", "", db.get("transactionsPerTurn"),
						db.get("statementsPerTurn"), db.get("rowsInsertedPerTurn"), db.get("rowsUpdatedPerTurn"),
						db.get("rowsDeletedPerTurn"), db.get("rowsReadPerTurn"), l.get("databaseCpuMsPerTurn"));
			}
		}
	}

	private static String triple(Map<String, Object> s) {
		return s.get("p50") + " / " + s.get("p99") + " / " + s.get("max");
	}

	static void write(Map<String, Object> results) throws IOException {
		Files.writeString(OUT.resolve("results.json"), Json.write(results, "") + "\n");
	}

	static void plot(List<Map<String, Object>> levels) throws IOException {
		Path plot = Settings.plot();
		Files.writeString(plot, Plot.svg(plotted(levels)));
		System.out.println("Plot: " + plot.toAbsolutePath());
	}

	/**
	 * The levels of this run, plus points of earlier runs given as
	 * {@code -Dload.plotExtra=users:gapP99:firstP99,...} (the plot in docs/ combines runs).
	 */
	static List<Map<String, Object>> plotted(List<Map<String, Object>> levels) {
		List<Map<String, Object>> all = new ArrayList<>(levels);
		for (String point : Settings.plotExtra().split(",")) {
			String[] f = point.trim().split(":");
			if (f.length == 3) {
				all.add(Map.of("users", Integer.parseInt(f[0]), "gapMs", Map.of("p99", Double.parseDouble(f[1])),
						"firstCharacterMs", Map.of("p99", Double.parseDouble(f[2]))));
			}
		}
		all.sort((a, b) -> Integer.compare(((Number) a.get("users")).intValue(), ((Number) b.get("users")).intValue()));
		return all;
	}

	static Map<String, Object> machine() throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cores", Runtime.getRuntime().availableProcessors());
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter(l -> l.startsWith("model name"))
			.findFirst()
			.map(l -> l.substring(l.indexOf(':') + 1).trim())
			.orElse("?");
		m.put("cpu", cpu);
		String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", "");
		m.put("memoryGiB", round(Long.parseLong(mem) / 1024.0 / 1024.0));
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		return m;
	}

	private Report() {
	}

}
