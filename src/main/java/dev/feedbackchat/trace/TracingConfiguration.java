package dev.feedbackchat.trace;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's tracer is there whether or not anything exports: with nothing to export to, it samples nothing,
 * so a request's span (and a turn's) is never recorded and costs next to nothing.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	/** Replaces Spring Boot's sampler (same rule when exporting: the parent's decision, else the probability). */
	@Bean
	Sampler chatSampler(ObjectProvider<SpanExporter> exporters,
			@Value("${management.tracing.sampling.probability:1.0}") double probability) {
		if (exporters.stream().findAny().isEmpty()) {
			return Sampler.alwaysOff();
		}
		return Sampler.parentBased(Sampler.traceIdRatioBased(probability));
	}

}
