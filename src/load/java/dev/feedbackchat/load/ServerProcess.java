package dev.feedbackchat.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.feedbackchat.load.Settings.OUT;

/**
 * The app under test as a production start runs it: {@code java -jar} on a free port with a new temporary
 * data directory (H2 file database unless the arguments name another), its output in target/load/server-NAME.log.
 * Ready once {@code GET /} answers 200.
 */
final class ServerProcess implements AutoCloseable {

	final Process process;

	final int port;

	final double readyMillis;

	private ServerProcess(Process process, int port, double readyMillis) {
		this.process = process;
		this.port = port;
		this.readyMillis = readyMillis;
	}

	long pid() {
		return process.pid();
	}

	static ServerProcess start(String name, List<String> appArgs) throws Exception {
		return start(name, Settings.java(), List.of(), Settings.jar(), appArgs);
	}

	static ServerProcess start(String name, String java, List<String> jvmArgs, String jar, List<String> appArgs)
			throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path data = Files.createTempDirectory("feedback-chat-load");
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(Settings.serverJvmArgs());
		command.addAll(jvmArgs);
		if (Settings.jfr() && name.startsWith("streams")) {
			command.add("-XX:StartFlightRecording=filename=" + OUT.toAbsolutePath().resolve(name + ".jfr") + ",settings=profile");
		}
		command.addAll(List.of("-jar", jar, "--server.port=" + port, "--chat.store.path=" + data,
				"--chat.admin.password=load-benchmark",
				// Each user sends its own address (X-Forwarded-For from this host, the proxy Tomcat trusts by default).
				"--server.forward-headers-strategy=native",
				// A user sends its next prompt 1 s after an answer (none in the warm-up): about 35 a minute, faster
				// than a person types; the other limits stay at their defaults.
				"--chat.rate-limit.prompts.per-session=120"));
		command.addAll(Settings.serverArgs());
		command.addAll(appArgs);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
		HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).timeout(Duration.ofSeconds(5)).build();
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException("The app did not start; see " + log(name));
			}
			try {
				if (probe.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					break;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(120)) {
				process.destroyForcibly();
				throw new IllegalStateException("The app was not ready in 120 s; see " + log(name));
			}
			Thread.sleep(5);
		}
		return new ServerProcess(process, port, (System.nanoTime() - started) / 1e6);
	}

	static Path log(String name) {
		return OUT.resolve("server-" + name + ".log");
	}

	/** Runs a command to its end (a training run, an extraction), its output in the log NAME. */
	static void run(String name, List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " failed; see " + log(name));
		}
	}

	String jcmd(String... command) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		cmd.add(Long.toString(pid()));
		cmd.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor();
		return out;
	}

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	long heapUsedKb() throws IOException, InterruptedException {
		Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}

	/** Heap in use after full collections (a few, until it stops shrinking). */
	long liveHeapKb() throws IOException, InterruptedException {
		long best = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			jcmd("GC.run");
			best = Math.min(best, heapUsedKb());
		}
		return best;
	}

	@Override
	public void close() throws Exception {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

}
