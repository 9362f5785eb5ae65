package dev.feedbackchat.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The static files, each under its own path; Boot's catch-all {@code /**} mapping is off
 * ({@code spring.web.resources.add-mappings: false}). The resource chain rewrites every link a template builds
 * whose path a resource handler matches, and it caches only the links it finds a file for. Under a catch-all
 * every link matches, and the many links that are not files (several per message: stream, stop, retry,
 * feedback) would search the classpath again on each render. With these narrow patterns only the links of
 * real files are looked up, each once.
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

	/** Whether {@code path} (without the context path) is one of the static files' paths above. */
	static boolean isStatic(String path) {
		return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
				|| (path.endsWith(".svg") && path.lastIndexOf('/') == 0);
	}

	private static void map(ResourceHandlerRegistry registry, String pattern, String location) {
		registry.addResourceHandler(pattern).addResourceLocations(location).setUseLastModified(true).resourceChain(true);
	}

}
