package dev.feedbackchat.system;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes {@link SecurityHeaders} on error dispatches, which Spring Security's header filter skips: an error
 * raised before that filter ran (its firewall refusing an address, a request whose parameters cannot be read)
 * would otherwise be shown without them. Headers already written on the way in stay as they are.
 */
class ErrorDispatchHeadersFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.ERROR;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SecurityHeaders.write(request, response);
		chain.doFilter(request, response);
	}

}
