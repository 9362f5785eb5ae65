package dev.feedbackchat.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Every {@code -Dload.*} setting in one place (the pom's load profile passes them on), and small helpers. */
final class Settings {

	static final Path OUT = Path.of("target/load");

	static String modes() {
		return System.getProperty("load.mode", "streams,startup,memory");
	}

	static List<Integer> users() {
		return Arrays.stream(System.getProperty("load.users", "1000").split(",")).map(u -> Integer.parseInt(u.trim())).toList();
	}

	static Duration ramp() {
		return duration(System.getProperty("load.ramp", "10s"));
	}

	static Duration measure() {
		return duration(System.getProperty("load.duration", "60s"));
	}

	static long thinkMs() {
		return Long.getLong("load.think", 1000);
	}

	/** Sessions in PostgreSQL (chat.cluster.enabled), the database started by the benchmark. */
	static boolean cluster() {
		return Boolean.getBoolean("load.cluster");
	}

	static String jar() {
		return System.getProperty("load.jar", "target/feedback-chat.jar");
	}

	static Path plot() {
		return Path.of(System.getProperty("load.plot", "docs/load.svg"));
	}

	/** The recorded requests of one turn: a file, or by default the test resource TurnRequestsBrowserTests checks. */
	static String turnRequests() {
		return System.getProperty("load.turnRequests", "");
	}

	static List<String> serverJvmArgs() {
		return words(System.getProperty("load.serverJvmArgs", ""));
	}

	static List<String> serverArgs() {
		return words(System.getProperty("load.serverArgs", ""));
	}

	static boolean jfr() {
		return Boolean.getBoolean("load.jfr");
	}

	static int clientThreads() {
		return Integer.getInteger("load.clientThreads", 2);
	}

	static int sessions() {
		return Integer.getInteger("load.sessions", 10_000);
	}

	static int memoryConcurrency() {
		return Integer.getInteger("load.memoryConcurrency", 200);
	}

	static int startupRuns() {
		return Integer.getInteger("load.startupRuns", 5);
	}

	static List<String> startupWays() {
		return Arrays.asList(System.getProperty("load.startupWays", "plain,cds").split("\\s*,\\s*"));
	}

	static String aotJava() {
		return System.getProperty("load.aotJava", "");
	}

	static String plotExtra() {
		return System.getProperty("load.plotExtra", "");
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static Duration duration(String text) {
		String t = text.trim().toLowerCase(Locale.ROOT);
		if (t.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
		}
		if (t.endsWith("m")) {
			return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
		}
		return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
	}

	private Settings() {
	}

}
