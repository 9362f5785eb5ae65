package dev.feedbackchat.system;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
		AtomicInteger count = new AtomicInteger();
		return Executors.newScheduledThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
			Thread thread = new Thread(task, "stream-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

}
