package dev.feedbackchat.preferences;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/** The visitor's language and theme: read from their cookies on every request, set by the header's form. */
@Configuration(proxyBeanMethods = false)
public class PreferencesConfiguration {

	/** Named so that the DispatcherServlet uses it (and Spring Boot's own backs off). */
	@Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
	LocaleResolver localeResolver() {
		return new PreferredLocaleResolver();
	}

	/**
	 * Early, before Spring Security and the request guards, so that every page they render or refuse has the
	 * attributes; on error dispatches too.
	 */
	@Bean
	FilterRegistrationBean<PreferencesFilter> preferencesFilter() {
		FilterRegistrationBean<PreferencesFilter> registration = new FilterRegistrationBean<>(new PreferencesFilter());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

}
