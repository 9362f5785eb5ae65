package dev.feedbackchat.responder;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Types every echo answer on a few clocks (one per thread of the scheduler) that tick every millisecond while
 * anything is being typed. Each tick types the characters that are due on that clock, so a thousand answers
 * cost a thousand wake-ups a second per clock instead of one for every character of every answer (a thread
 * switch each); a character is at most a tick late, and the pace does not drift.
 */
final class Typewriter {

	private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	private final ScheduledExecutorService scheduler;

	private final Clock[] clocks;

	private final AtomicInteger nextClock = new AtomicInteger();

	Typewriter(ScheduledExecutorService scheduler, int clocks) {
		this.scheduler = scheduler;
		this.clocks = new Clock[clocks];
		for (int i = 0; i < clocks; i++) {
			this.clocks[i] = new Clock();
		}
	}

	/** Something typed on a clock, one tick at a time. */
	interface Typing {

		/** Types what is due by {@code now}; true when it has finished (or was cancelled) and leaves the clock. */
		boolean type(long now);

	}

	void add(Typing typing) {
		clocks[Math.floorMod(nextClock.getAndIncrement(), clocks.length)].add(typing);
	}

	private final class Clock implements Runnable {

		private final Queue<Typing> arriving = new ConcurrentLinkedQueue<>();

		/** Touched only by the clock's own runs, which never overlap. */
		private final List<Typing> typing = new ArrayList<>();

		private final AtomicBoolean running = new AtomicBoolean();

		private volatile ScheduledFuture<?> task;

		void add(Typing added) {
			arriving.add(added);
			startIfIdle();
		}

		private void startIfIdle() {
			if (running.compareAndSet(false, true)) {
				// The first run comes a tick later, after the task is known, so that it can cancel itself.
				task = scheduler.scheduleAtFixedRate(this, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void run() {
			for (Typing added; (added = arriving.poll()) != null;) {
				typing.add(added);
			}
			long now = System.nanoTime();
			typing.removeIf(each -> each.type(now));
			if (typing.isEmpty()) {
				// Idle: stop ticking. Something added meanwhile finds the clock stopped and starts it again.
				task.cancel(false);
				running.set(false);
				if (!arriving.isEmpty()) {
					startIfIdle();
				}
			}
		}

	}

}
