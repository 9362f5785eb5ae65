package dev.feedbackchat;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Lets MockMvc serve answer streams as a servlet container does. A stream writes with non-blocking I/O on an
 * AsyncContext of its own, which the mocks do not support: a mock request's {@code startAsync()} has no response
 * and a mock output stream takes no WriteListener. Here a stream request starts async with its response, whose
 * output stream takes the listener, is always ready, and gets the container's first {@code onWritePossible} once
 * the request thread has left the chain. Events sent later (an answer the test finishes) are written at once.
 * Runs innermost (a Filter bean without order), so the handler sees these wrappers.
 */
public class MockStreams implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		if (!http.getRequestURI().endsWith("/stream")) {
			chain.doFilter(request, response);
			return;
		}
		Response stream = new Response((HttpServletResponse) response);
		chain.doFilter(new Request(http, stream), stream);
		if (stream.listener != null) {
			stream.listener.onWritePossible();
		}
	}

	private static final class Request extends HttpServletRequestWrapper {

		private final HttpServletResponse response;

		Request(HttpServletRequest request, HttpServletResponse response) {
			super(request);
			this.response = response;
		}

		@Override
		public AsyncContext startAsync() {
			return startAsync(this, response);
		}

	}

	private static final class Response extends HttpServletResponseWrapper {

		private WriteListener listener;

		private ServletOutputStream out;

		Response(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (out == null) {
				ServletOutputStream target = super.getOutputStream();
				out = new ServletOutputStream() {

					@Override
					public boolean isReady() {
						return true;
					}

					@Override
					public void setWriteListener(WriteListener writeListener) {
						listener = writeListener;
					}

					@Override
					public void write(int b) throws IOException {
						target.write(b);
					}

					@Override
					public void write(byte[] b, int off, int len) throws IOException {
						target.write(b, off, len);
					}

					@Override
					public void flush() throws IOException {
						target.flush();
					}

				};
			}
			return out;
		}

	}

}
