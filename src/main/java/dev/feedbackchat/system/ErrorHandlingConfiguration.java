package dev.feedbackchat.system;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Every error ends on the app's error page with the app's security headers, wherever it is raised: in a
 * controller (ErrorAdvice), in Spring MVC or Spring Security ({@link ErrorPageController} on the error
 * dispatch, {@link ErrorDispatchHeadersFilter}), or in Tomcat before any filter ({@link ErrorPageValve}).
 */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfiguration {

	/** Right after the request observation (HIGHEST_PRECEDENCE + 1), so that it records the status sent here. */
	@Bean
	FilterRegistrationBean<UnreadableParametersFilter> unreadableParametersFilter() {
		FilterRegistrationBean<UnreadableParametersFilter> registration = new FilterRegistrationBean<>(
				new UnreadableParametersFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ErrorDispatchHeadersFilter> errorDispatchHeadersFilter() {
		FilterRegistrationBean<ErrorDispatchHeadersFilter> registration = new FilterRegistrationBean<>(
				new ErrorDispatchHeadersFilter());
		registration.setDispatcherTypes(DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/**
	 * Replaces the host's ErrorReportValve (Spring Boot adds one that hides the stack trace and server version)
	 * with {@link ErrorPageValve}; runs after Spring Boot's own customizer, being ordered later.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> errorPageValve(MessageSource messages,
			LocaleResolver locales) {
		return factory -> factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new ErrorPageValve(context.getPath(), messages, locales));
			// Tomcat adds a valve of this class when the host starts without one.
			((StandardHost) host).setErrorReportValveClass(ErrorPageValve.class.getName());
		});
	}

}
