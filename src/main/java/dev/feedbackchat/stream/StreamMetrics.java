package dev.feedbackchat.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.feedbackchat.model.AnswerStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The stream's meters: time to the first character and to the end, open connections, dropped ones. */
final class StreamMetrics {

	private final MeterRegistry meters;

	private final Timer firstCharacter;

	private final Counter dropped;

	private final AtomicInteger open = new AtomicInteger();

	StreamMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.firstCharacter = Timer.builder("chat.stream.first.character")
			.description("Time from a prompt to the first character of its answer")
			.publishPercentileHistogram()
			.register(meters);
		this.dropped = Counter.builder("chat.streams.dropped")
			.description("SSE connections closed because their client did not read fast enough")
			.register(meters);
		Gauge.builder("chat.streams.active", open, AtomicInteger::get)
			.description("Open SSE connections to answers")
			.register(meters);
	}

	void firstCharacter(long nanosSinceStart) {
		firstCharacter.record(nanosSinceStart, TimeUnit.NANOSECONDS);
	}

	void ended(AnswerStatus status, long nanosSinceStart) {
		Timer.builder("chat.stream.duration")
			.description("Time from a prompt to the end of its answer")
			.tag("outcome", status.id())
			.register(meters)
			.record(nanosSinceStart, TimeUnit.NANOSECONDS);
	}

	void opened() {
		open.incrementAndGet();
	}

	void closed(boolean dropped) {
		open.decrementAndGet();
		if (dropped) {
			this.dropped.increment();
		}
	}

	int open() {
		return open.get();
	}

}
