package dev.feedbackchat.load;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.feedbackchat.load.Settings.OUT;
import static dev.feedbackchat.load.Settings.round;

/**
 * Memory per session: live heap after full collections before and after N sessions of 10 turns each (no
 * think time, answers typed at 1 ms a character so that the setup takes minutes, not hours).
 */
final class MemoryMode {

	static Map<String, Object> run(int sessions, List<TurnScript.Step> steps) throws Exception {
		System.out.printf("%n== Session memory: %d sessions x %d turns ==%n", sessions, User.TURNS_PER_PAGE);
		try (ServerProcess server = ServerProcess.start("memory", List.of("--chat.echo.delay=1ms"));
				Users users = new Users(server.port, 0, User.TURNS_PER_PAGE, steps)) {
			Users.warmUp(server.port, steps);
			long before = server.liveHeapKb();
			AtomicInteger started = new AtomicInteger();
			CountDownLatch all = new CountDownLatch(sessions);
			// a fixed number of users at a time, each a new session doing its turns and leaving
			for (int i = 0; i < Settings.memoryConcurrency(); i++) {
				startSession(users, sessions, started, all);
			}
			all.await(15, TimeUnit.MINUTES);
			long after = server.liveHeapKb();
			Files.writeString(OUT.resolve("memory-histogram.txt"), server.jcmd("GC.class_histogram"));
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("sessions", sessions);
			result.put("turns", users.turns.get());
			// at 1 ms a character most answers are done before their stream connects: expected here, not an error
			result.put("answersFinishedBeforeStream", users.lateStreams.get());
			result.put("errors", users.errors.get() - users.lateStreams.get());
			Map<String, String> kinds = new LinkedHashMap<>(users.firstErrors);
			kinds.remove(AnswerStream.FINISHED_BEFORE_STREAM);
			result.put("errorKinds", kinds);
			result.put("liveHeapBeforeKb", before);
			result.put("liveHeapAfterKb", after);
			result.put("perSessionKb", round((after - before) / (double) sessions));
			System.out.println("  " + result);
			return result;
		}
	}

	private static void startSession(Users users, int sessions, AtomicInteger started, CountDownLatch all) {
		if (started.incrementAndGet() > sessions) {
			return;
		}
		users.startUser(new User(users) {
			@Override
			void leave() {
				all.countDown();
				startSession(users, sessions, started, all);
				super.leave();
			}
		});
	}

	private MemoryMode() {
	}

}
