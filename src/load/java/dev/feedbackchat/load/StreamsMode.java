package dev.feedbackchat.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.feedbackchat.load.Settings.round;

/**
 * One user level: a fresh server (and database in cluster mode), a warm-up, the users arriving evenly over
 * the ramp, then a measured window. Per-turn costs divide what the window used by the turns finished in it.
 */
final class StreamsMode {

	static Map<String, Object> level(int count, List<TurnScript.Step> steps) throws Exception {
		Duration ramp = Settings.ramp();
		Duration measure = Settings.measure();
		boolean cluster = Settings.cluster();
		System.out.printf("%n== %d users%s: ramp %ss, measure %ss ==%n", count, cluster ? " (cluster, PostgreSQL)" : "",
				ramp.toSeconds(), measure.toSeconds());
		try (Database database = cluster ? Database.start() : null;
				ServerProcess server = ServerProcess.start("streams-" + count, database == null ? List.of() : database.appArgs());
				Users users = new Users(server.port, Settings.thinkMs(), Integer.MAX_VALUE, steps)) {
			Users.warmUp(server.port, steps);
			for (int i = 0; i < count; i++) {
				users.scheduler.schedule(() -> users.startUser(), ramp.toNanos() * i / count, TimeUnit.NANOSECONDS);
			}
			Thread.sleep(ramp.toMillis() + 2000);

			ProcSampler proc = new ProcSampler(server.pid(), database == null ? 0 : database.postmasterPid());
			ProcSampler.Snapshot cpuBefore = proc.take();
			Database.Snapshot dbBefore = database == null ? null : database.snapshot();
			long turnsBefore = users.turns.get();
			long requestsBefore = users.requests.get();
			int errorsBefore = users.errors.get();
			users.recording = true;
			long windowStart = System.nanoTime();
			long measureEnd = windowStart + measure.toNanos();
			while (System.nanoTime() < measureEnd) {
				Thread.sleep(1000);
				proc.sampleRss();
				long s = (System.nanoTime() - windowStart) / 1_000_000_000;
				if (s % 10 == 0) {
					System.out.printf("  t=%3ds turns=%d errors=%d %s%n", s, users.turns.get(), users.errors.get(),
							users.firstErrors.keySet());
				}
			}
			users.recording = false;
			double window = (System.nanoTime() - windowStart) / 1e9;
			ProcSampler.Snapshot cpuAfter = proc.take();
			Database.Snapshot dbAfter = database == null ? null : database.snapshot();
			long windowTurns = users.turns.get() - turnsBefore;
			long windowRequests = users.requests.get() - requestsBefore;
			int errorsInWindow = users.errors.get() - errorsBefore;
			long heapUsedKb = server.heapUsedKb();
			users.awaitUsers(Duration.ofSeconds(30));

			Map<String, Object> level = new LinkedHashMap<>();
			level.put("users", count);
			level.put("cluster", cluster);
			level.put("windowSeconds", round(window));
			level.put("turns", users.recordedTurns.get());
			level.put("turnsPerSecond", round(users.recordedTurns.get() / window));
			level.put("turnsFinishedInWindow", windowTurns);
			level.put("requestsPerTurn", round(windowRequests / (double) Math.max(1, windowTurns)));
			level.put("characters", users.recordedChars.get());
			level.put("gapMs", users.gaps.summary());
			level.put("firstCharacterMs", users.firsts.summary());
			level.put("ratingMs", users.ratings.summary());
			level.put("pageMs", users.pages.summary());
			level.put("sendMs", users.sends.summary());
			level.put("turnMs", users.turnTimes.summary());
			level.put("errors", users.errors.get());
			level.put("errorsInWindow", errorsInWindow);
			level.put("errorKinds", new LinkedHashMap<>(users.firstErrors));
			level.put("textMismatches", users.mismatches.get());
			level.put("catchUpChunks", users.catchUps.get());
			level.put("answersFinishedBeforeStream", users.lateStreams.get());
			level.putAll(proc.cores(cpuBefore, cpuAfter, window));
			level.put("serverCpuMsPerTurn",
					round((cpuAfter.server() - cpuBefore.server()) * 1000 / ProcSampler.HZ / Math.max(1, windowTurns)));
			if (database != null) {
				level.put("databaseCpuMsPerTurn",
						round((cpuAfter.database() - cpuBefore.database()) * 1000 / ProcSampler.HZ / Math.max(1, windowTurns)));
				level.put("database", Database.perTurn(dbBefore, dbAfter, windowTurns));
			}
			level.put("serverRssMaxMb", proc.peakRssKb() / 1024);
			level.put("serverHeapUsedMb", heapUsedKb / 1024);
			level.put("serverThreads", cpuAfter.serverThreads());
			System.out.println("  " + level);
			return level;
		}
	}

	static List<Map<String, Object>> run(List<TurnScript.Step> steps, Map<String, Object> results) throws Exception {
		List<Map<String, Object>> levels = new ArrayList<>();
		for (int users : Settings.users()) {
			levels.add(level(users, steps));
			results.put("levels", levels);
			Report.write(results);
		}
		return levels;
	}

	private StreamsMode() {
	}

}
