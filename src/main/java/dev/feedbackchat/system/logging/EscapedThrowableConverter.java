package dev.feedbackchat.system.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx}: Spring Boot's stack trace, with the message of each exception (and of its causes and
 * suppressed exceptions) {@link LogText escaped}, so that one stays one line of the trace.
 */
public class EscapedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

	@Override
	protected String throwableProxyToString(IThrowableProxy proxy) {
		return super.throwableProxyToString(new Escaped(proxy));
	}

	private record Escaped(IThrowableProxy proxy) implements IThrowableProxy {

		@Override
		public String getMessage() {
			return LogText.escape(proxy.getMessage());
		}

		@Override
		public String getOverridingMessage() {
			return LogText.escape(proxy.getOverridingMessage());
		}

		@Override
		public String getClassName() {
			return proxy.getClassName();
		}

		@Override
		public StackTraceElementProxy[] getStackTraceElementProxyArray() {
			return proxy.getStackTraceElementProxyArray();
		}

		@Override
		public int getCommonFrames() {
			return proxy.getCommonFrames();
		}

		@Override
		public IThrowableProxy getCause() {
			return proxy.getCause() == null ? null : new Escaped(proxy.getCause());
		}

		@Override
		public IThrowableProxy[] getSuppressed() {
			IThrowableProxy[] suppressed = proxy.getSuppressed();
			if (suppressed == null) {
				return null;
			}
			IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
			for (int i = 0; i < suppressed.length; i++) {
				escaped[i] = new Escaped(suppressed[i]);
			}
			return escaped;
		}

		@Override
		public boolean isCyclic() {
			return proxy.isCyclic();
		}

	}

}
