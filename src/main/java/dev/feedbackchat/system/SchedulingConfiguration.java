package dev.feedbackchat.system;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SchedulingConfiguration {

	/**
	 * The one scheduler that drives every streaming answer: a tick per character, not a thread per stream.
	 * One thread per core; ticks are short (append a character, write it to the open connections).
	 */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService streamScheduler() {
		return Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors(), threads("stream-"));
	}

	/**
	 * Finishes answers: stores each finished answer in the database, then lets its listeners know. Kept off
	 * the stream scheduler so a slow database never delays the characters of other answers.
	 */
	@Bean(destroyMethod = "shutdown")
	ExecutorService answerFinisher() {
		return Executors.newFixedThreadPool(4, threads("finish-"));
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
