package dev.feedbackchat.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.feedbackchat.load.Settings.OUT;
import static dev.feedbackchat.load.Settings.round;

/**
 * Time from launch to the first 200 from {@code GET /}, and the CPU the server used by then, of the ways
 * chosen with {@code -Dload.startupWays} (default {@code plain,cds}): {@code plain}, {@code java -jar
 * target/feedback-chat.jar}; {@code cds}, the jar extracted with Spring Boot's jarmode tools and run with a
 * class data sharing archive made by a training run (README.md, "Running in production");
 * {@code aotcache}, the same with the AOT cache of Java 24 and later instead, run by the {@code java} given
 * as {@code -Dload.aotJava}. The runs alternate between the ways so that all see the same load.
 */
final class StartupMode {

	static Map<String, Object> run(int runs) throws Exception {
		List<String> ways = Settings.startupWays();
		System.out.printf("%n== Startup: %d runs of %s ==%n", runs, ways);
		String java = Settings.java();
		// way -> the java, its options and the jar
		Map<String, List<String>> launches = new LinkedHashMap<>();
		if (ways.contains("plain")) {
			launches.put("plain", List.of(java, Settings.jar()));
		}
		if (ways.contains("cds") || ways.contains("aotcache")) {
			Path app = OUT.resolve("app").toAbsolutePath();
			ServerProcess.run("extract", List.of(java, "-Djarmode=tools", "-jar", Settings.jar(), "extract", "--force",
					"--destination", app.toString()));
			String jar = app.resolve("feedback-chat.jar").toString();
			if (ways.contains("cds")) {
				Path archive = train("cds", java, "-XX:ArchiveClassesAtExit=", app.resolve("application.jsa"), jar);
				launches.put("cds", List.of(java, "-XX:SharedArchiveFile=" + archive, jar));
			}
			if (ways.contains("aotcache")) {
				String aotJava = Settings.aotJava();
				if (aotJava.isBlank()) {
					throw new IllegalArgumentException("aotcache needs -Dload.aotJava=<the java of a JDK 24 or later>");
				}
				Path cache = train("aotcache", aotJava, "-XX:AOTCacheOutput=", app.resolve("application.aot"), jar);
				launches.put("aotcache", List.of(aotJava, "-XX:AOTCache=" + cache, jar));
			}
		}
		Map<String, List<Double>> times = new LinkedHashMap<>();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		List<Double> loads = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			for (Map.Entry<String, List<String>> way : launches.entrySet()) {
				List<String> launch = way.getValue();
				loads.add(ProcSampler.loadAverage());
				try (ServerProcess server = ServerProcess.start("startup-" + way.getKey() + "-" + i, launch.get(0),
						launch.subList(1, launch.size() - 1), launch.get(launch.size() - 1), List.of())) {
					// CPU by ready (all threads: JIT and GC too) depends less on other work on the machine than time does
					double cpuSeconds = ProcSampler.cpu(server.pid()) / ProcSampler.HZ;
					times.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(round(server.readyMillis));
					cpu.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(round(cpuSeconds));
					System.out.printf("  run %d %-8s: %5.0f ms to the first 200 from GET /, %.1f s CPU (load average %.1f)%n",
							i + 1, way.getKey(), server.readyMillis, cpuSeconds, loads.get(loads.size() - 1));
				}
			}
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("loadAverages", loads);
		for (String way : times.keySet()) {
			Map<String, Object> w = new LinkedHashMap<>();
			w.put("runsMs", times.get(way));
			w.put("medianMs", median(times.get(way)));
			w.put("cpuSeconds", cpu.get(way));
			w.put("medianCpuSeconds", median(cpu.get(way)));
			result.put(way, w);
			System.out.printf("  %-8s: median %.0f ms, %.1f s CPU%n", way, median(times.get(way)), median(cpu.get(way)));
		}
		return result;
	}

	/**
	 * A training run of the extracted jar that exits once the context is refreshed and leaves its class
	 * archive (or AOT cache) behind (the commands of README.md, "Running in production").
	 */
	private static Path train(String name, String java, String option, Path archive, String jar) throws Exception {
		Files.deleteIfExists(archive);
		Path data = Files.createTempDirectory("feedback-chat-load");
		long started = System.nanoTime();
		ServerProcess.run(name + "-training", List.of(java, option + archive, "-Dspring.context.exit=onRefresh", "-jar", jar,
				"--server.port=0", "--chat.store.path=" + data, "--chat.admin.password=load-benchmark"));
		if (!Files.exists(archive)) {
			throw new IllegalStateException("The training run made no archive; see " + ServerProcess.log(name + "-training"));
		}
		System.out.printf("  %s archive %s (%d MB) made in %.1f s%n", name, archive, Files.size(archive) >> 20,
				(System.nanoTime() - started) / 1e9);
		return archive;
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.get(sorted.size() / 2);
	}

	private StartupMode() {
	}

}
