package dev.feedbackchat.admin;

import java.net.URI;

import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.util.UrlUtils;

/**
 * Redirects that stay on this site, whatever Host header the request came with: an absolute URL (the page asked
 * for before login, which Spring Security saves with the request's scheme, host and port) becomes its path and
 * query. Tomcat then sends paths as they are ({@code server.tomcat.use-relative-redirects}).
 */
class LocalRedirectStrategy extends DefaultRedirectStrategy {

	@Override
	protected String calculateRedirectUrl(String contextPath, String url) {
		if (!UrlUtils.isAbsoluteUrl(url)) {
			return super.calculateRedirectUrl(contextPath, url);
		}
		URI uri = URI.create(url);
		// One leading slash: "//host/..." would be another host again.
		String path = "/" + (uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/+", ""));
		return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
	}

}
