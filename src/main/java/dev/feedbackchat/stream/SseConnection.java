package dev.feedbackchat.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * One client's SSE connection, written with Servlet non-blocking I/O so that a client that reads slowly (or
 * not at all) costs only its own buffer, never another's time: {@link #send} queues the event and writes
 * only while the container says the socket takes more; the rest is written from {@link #onWritePossible}.
 * A client that falls more than {@code limit} bytes behind is dropped: its browser reconnects and resumes
 * after its Last-Event-ID.
 * <p>
 * Every use of the stream happens under {@link #lock}: Tomcat allows non-blocking writes from any thread,
 * but not two at once. The {@code closed} callback runs outside it, so it may take other locks.
 */
final class SseConnection implements WriteListener, AsyncListener {

	/** Hears once that a connection has ended; {@code dropped} when it fell too far behind. */
	@FunctionalInterface
	interface Closed {

		void closed(SseConnection connection, boolean dropped);

	}

	private final AsyncContext async;

	private final ServletOutputStream out;

	private final long limit;

	private final Closed closed;

	private final ReentrantLock lock = new ReentrantLock();

	private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

	private long queued;

	/**
	 * The last isReady() said no, so the container will call onWritePossible. True at first: nothing is
	 * written before the first callback, which comes after the request thread has left the filter chain (so
	 * the headers that filters add on the way out are in the response when it is committed).
	 */
	private boolean waiting = true;

	/** True at first: the first callback commits the headers even with nothing queued, so the client sees the stream open. */
	private boolean unflushed = true;

	/** {@link #closeAfter} was called: complete once everything queued has left. */
	private boolean closing;

	/** Dropped while a write was pending: completed from the next onWritePossible, on a container thread. */
	private boolean completeWhenWritable;

	private boolean ended;

	private SseConnection(AsyncContext async, ServletOutputStream out, long limit, Closed closed) {
		this.async = async;
		this.out = out;
		this.limit = limit;
		this.closed = closed;
	}

	/**
	 * Starts async processing of this request (on the request thread) with the SSE response headers. The
	 * response is committed by the first write, after the request thread has returned.
	 */
	static SseConnection open(HttpServletRequest request, HttpServletResponse response, Duration timeout, long limit,
			Closed closed) throws IOException {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("text/event-stream;charset=UTF-8");
		response.setHeader("Cache-Control", "no-cache");
		// nginx would otherwise hold the events back in its buffer.
		response.setHeader("X-Accel-Buffering", "no");
		AsyncContext async = request.startAsync();
		async.setTimeout(timeout.toMillis());
		SseConnection connection = new SseConnection(async, async.getResponse().getOutputStream(), limit, closed);
		async.addListener(connection);
		connection.out.setWriteListener(connection);
		return connection;
	}

	/**
	 * Queues an event and writes what the socket takes now; never blocks. An event always fits into an
	 * empty queue (a long catch-up must get through); past {@code limit} queued bytes the connection is dropped.
	 */
	void send(byte[] event) {
		boolean endedNow;
		boolean dropped = false;
		boolean complete = true;
		lock.lock();
		try {
			if (ended || closing) {
				return;
			}
			if (queued > 0 && queued + event.length > limit) {
				dropped = true;
				endedNow = end();
				// A write is pending on a socket that takes nothing: complete once it has left (onWritePossible),
				// or Tomcat's connection timeout ends the connection (onError).
				completeWhenWritable = waiting;
				complete = !waiting;
			}
			else {
				queue.add(event);
				queued += event.length;
				endedNow = !waiting && drain();
			}
		}
		finally {
			lock.unlock();
		}
		if (endedNow) {
			closed(complete, dropped);
		}
	}

	/** Sends {@code lastEvent}, then completes the response once it has left; nothing is sent after it. */
	void closeAfter(byte[] lastEvent) {
		boolean endedNow;
		lock.lock();
		try {
			if (ended || closing) {
				return;
			}
			closing = true;
			queue.add(lastEvent);
			queued += lastEvent.length;
			endedNow = !waiting && drain();
		}
		finally {
			lock.unlock();
		}
		if (endedNow) {
			closed(true, false);
		}
	}

	/** Ends the connection at once, dropping what is queued. */
	void close() {
		if (endNow()) {
			closed(true, false);
		}
	}

	boolean isOpen() {
		lock.lock();
		try {
			return !ended;
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void onWritePossible() {
		boolean endedNow;
		boolean completeLate = false;
		lock.lock();
		try {
			if (ended) {
				completeLate = completeWhenWritable;
				completeWhenWritable = false;
				endedNow = false;
			}
			else {
				waiting = false;
				endedNow = drain();
			}
		}
		finally {
			lock.unlock();
		}
		if (completeLate) {
			complete();
		}
		else if (endedNow) {
			closed(true, false);
		}
	}

	/** The client has gone, or did not take a pending write within Tomcat's connection timeout. */
	@Override
	public void onError(Throwable error) {
		abort();
	}

	@Override
	public void onComplete(AsyncEvent event) {
		if (endNow()) {
			closed(false, false);
		}
	}

	/** The browser reconnects and resumes after its Last-Event-ID. */
	@Override
	public void onTimeout(AsyncEvent event) {
		abort();
	}

	@Override
	public void onError(AsyncEvent event) {
		abort();
	}

	/**
	 * Completes even a connection that has already ended here (a dropped one waits for the socket): without
	 * it the container would dispatch the request to the error page.
	 */
	private void abort() {
		boolean endedNow = endNow();
		complete();
		if (endedNow) {
			closed(false, false);
		}
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	/**
	 * Writes and flushes queued events while the socket takes them; under the lock. Every write and flush
	 * follows an isReady() that said yes, as non-blocking I/O requires.
	 *
	 * @return true when the connection has just ended: everything after {@link #closeAfter} has left, or
	 *         the client has gone
	 */
	private boolean drain() {
		try {
			while (true) {
				if (queue.isEmpty() && !unflushed && !closing) {
					return false;
				}
				if (!out.isReady()) {
					waiting = true;
					return false;
				}
				byte[] event = queue.poll();
				if (event != null) {
					queued -= event.length;
					out.write(event);
					unflushed = true;
				}
				else if (unflushed) {
					// Each event leaves at once instead of waiting in the response buffer.
					out.flush();
					unflushed = false;
				}
				else {
					// Closing, and isReady() says the last event has left.
					return end();
				}
			}
		}
		catch (IOException ex) {
			return end();
		}
	}

	private boolean endNow() {
		lock.lock();
		try {
			return end();
		}
		finally {
			lock.unlock();
		}
	}

	/** Marks this connection ended, once; under the lock. */
	private boolean end() {
		if (ended) {
			return false;
		}
		ended = true;
		queue.clear();
		queued = 0;
		return true;
	}

	/** Runs once per connection, outside the lock: nothing is written any more. */
	private void closed(boolean complete, boolean dropped) {
		if (complete) {
			complete();
		}
		closed.closed(this, dropped);
	}

	private void complete() {
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (the client had gone).
		}
	}

}
