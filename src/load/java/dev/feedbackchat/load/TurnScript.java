package dev.feedbackchat.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of one turn, in the order the page makes them: load/turn-requests.txt, recorded from a real
 * Chromium and checked by TurnRequestsBrowserTests, so that a simulated user makes exactly those. A line the
 * load client cannot replay stops the benchmark before it starts.
 */
final class TurnScript {

	/** The steps a turn can have; each knows the normalised request line it replays. */
	enum Step {

		/** The prompt, as htmx posts the composer form. */
		SEND("POST /messages"),

		/** The answer's event stream, from where the returned HTML left off. */
		STREAM("GET /messages/{id}/stream?from={n}"),

		/** A page whose done event carries no finished message fetches it (htmx's hx-get on sse:done). */
		FINISHED("GET /messages/{id}"),

		/** Thumbs up on the finished answer. */
		RATE("POST /messages/{id}/feedback");

		final String line;

		Step(String line) {
			this.line = line;
		}

	}

	static final String RESOURCE = "load/turn-requests.txt";

	static List<Step> load() {
		String file = Settings.turnRequests();
		try {
			if (!file.isBlank()) {
				return parse(Files.readAllLines(Path.of(file)), file);
			}
			try (InputStream in = TurnScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
				if (in == null) {
					throw new IllegalStateException(RESOURCE + " is not on the classpath");
				}
				return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The request lines of a recording: blank lines and # comments left out. */
	static List<String> requestLines(List<String> lines) {
		return lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
	}

	static List<Step> parse(List<String> lines, String source) {
		List<Step> steps = new ArrayList<>();
		for (String line : requestLines(lines)) {
			steps.add(step(line, source));
		}
		if (steps.isEmpty() || steps.get(0) != Step.SEND || !steps.contains(Step.STREAM)) {
			throw new IllegalStateException(source + ": a turn must send the prompt and then read its stream: " + steps);
		}
		return List.copyOf(steps);
	}

	private static Step step(String line, String source) {
		for (Step step : Step.values()) {
			if (step.line.equals(line)) {
				return step;
			}
		}
		throw new IllegalStateException(source + ": the load client cannot replay \"" + line + "\"");
	}

	private TurnScript() {
	}

}
