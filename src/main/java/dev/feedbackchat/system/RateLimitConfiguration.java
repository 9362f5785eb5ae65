package dev.feedbackchat.system;

import dev.feedbackchat.limits.ClientLimits;
import dev.feedbackchat.limits.RateLimitProperties;
import dev.feedbackchat.stream.OtherInstances;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/** The limit on new sessions per address; the other limits of {@link RateLimitProperties} are checked where they apply. */
@Configuration(proxyBeanMethods = false)
public class RateLimitConfiguration {

	/**
	 * After Spring Session's filter ({@code Integer.MIN_VALUE + 50}), so that a session in the database counts, and
	 * before Spring Security's ({@code -100}), the first that may make a session.
	 */
	static final int ORDER = -110;

	@Bean
	FilterRegistrationBean<NewSessionLimit> newSessionLimit(ClientLimits limits, OtherInstances others,
			Rejections rejections, MessageSource messages, LocaleResolver locales) {
		FilterRegistrationBean<NewSessionLimit> registration = new FilterRegistrationBean<>(
				new NewSessionLimit(limits, others, rejections, messages, locales));
		registration.setOrder(ORDER);
		return registration;
	}

}
