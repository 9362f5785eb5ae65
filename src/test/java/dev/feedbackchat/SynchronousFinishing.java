package dev.feedbackchat;

import java.util.concurrent.Executor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Finishes answers on the calling thread, so a test's page request after finishing sees them finished. */
@TestConfiguration(proxyBeanMethods = false)
public class SynchronousFinishing {

	@Bean
	Executor answerFinisher() {
		return Runnable::run;
	}

}
