package dev.feedbackchat.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;

@Configuration(proxyBeanMethods = false)
class FlashMapConfiguration {

	/**
	 * No flash attributes: the app uses none. Spring MVC's default looks for them in the session on every
	 * request, and with sessions in a database (chat.cluster.enabled) that look-up reads the session from the
	 * database even for a request that needs nothing of it, such as an answer's stream.
	 */
	@Bean
	FlashMapManager flashMapManager() {
		return new FlashMapManager() {

			@Override
			public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
				return null;
			}

			@Override
			public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
			}

		};
	}

}
