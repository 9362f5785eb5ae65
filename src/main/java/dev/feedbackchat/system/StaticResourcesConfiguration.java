package dev.feedbackchat.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The static files, each under its own path (Boot's catch-all {@code /**} mapping is off:
 * {@code spring.web.resources.add-mappings: false}). With the catch-all, every link the templates build
 * (several per message: stream, stop, retry, feedback) went through the resource chain's URL rewriting,
 * which found no file for it, cached nothing, and searched the classpath inside the jar again on every
 * render: 40% of the server's CPU under load (docs/benchmarks.md, "Concurrent streams"). Now only links
 * under these paths are looked up, and those are found and cached once.
 */
@Configuration(proxyBeanMethods = false)
class StaticResourcesConfiguration implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Versionless webjar links (/webjars/htmx.org/dist/htmx.min.js) resolve to the versioned file
		map(registry, "/webjars/**", "classpath:/META-INF/resources/webjars/");
		map(registry, "/css/**", "classpath:/static/css/");
		map(registry, "/js/**", "classpath:/static/js/");
		map(registry, "/*.svg", "classpath:/static/");
	}

	private static void map(ResourceHandlerRegistry registry, String pattern, String location) {
		registry.addResourceHandler(pattern).addResourceLocations(location).setUseLastModified(true).resourceChain(true);
	}

}
