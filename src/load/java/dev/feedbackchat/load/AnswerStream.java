package dev.feedbackchat.load;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static dev.feedbackchat.load.Pages.EXPECTED;

/**
 * One answer's SSE stream, read line by line as it arrives (no thread waits on it): times each {@code chunk}
 * event against the one before, checks the text and that every event id is the count of characters so far,
 * and keeps the data of the closing {@code done} event (the finished message) for the user.
 */
final class AnswerStream implements Flow.Subscriber<String> {

	static final String FINISHED_BEFORE_STREAM = "finished before stream";

	private final User user;

	private final Pages.Answer answer;

	private final long sent;

	private final StringBuilder text;

	private int expectedId;

	private int chunks;

	private long previousArrival;

	private long firstArrival;

	private long eventStart;

	private String eventId;

	private String eventName;

	private StringBuilder eventData;

	private String doneData;

	private boolean mismatch;

	private boolean finished;

	private volatile ScheduledFuture<?> timeout;

	/** @param shownArrival when the text already shown in the answer's HTML arrived; 0 if there was none */
	AnswerStream(User user, Pages.Answer answer, long sent, long shownArrival) {
		this.user = user;
		this.answer = answer;
		this.sent = sent;
		this.text = new StringBuilder(answer.shown());
		this.expectedId = answer.from();
		this.mismatch = answer.shown().codePointCount(0, answer.shown().length()) != answer.from();
		this.previousArrival = shownArrival;
		this.firstArrival = shownArrival;
	}

	void open() {
		Users users = user.users;
		HttpRequest request = users.request(answer.streamUrl(), user).header("Accept", "text/event-stream").GET().build();
		HttpResponse.BodyHandler<Void> handler = info -> info.statusCode() == 200
				? HttpResponse.BodySubscribers.fromLineSubscriber(this)
				: HttpResponse.BodySubscribers.replacing(null);
		timeout = users.scheduler.schedule(() -> finish(false, "timeout", "no done event in 30 s"), 30, TimeUnit.SECONDS);
		users.send(request, handler).whenComplete((response, failure) -> {
			timeout.cancel(false);
			if (failure != null) {
				finish(false, "stream", failure.toString());
			}
			else if (response.statusCode() != 200) {
				finish(false, "stream", "HTTP " + response.statusCode());
			}
			else if (doneData == null) {
				finish(false, "stream", "ended without done event");
			}
			else {
				finish(true, null, null);
			}
		});
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(String line) {
		long now = System.nanoTime();
		if (line.isEmpty()) {
			if (eventName != null || eventData != null) {
				event(eventStart);
			}
			eventId = null;
			eventName = null;
			eventData = null;
			eventStart = 0;
			return;
		}
		// an event arrives when its first line does
		if (eventStart == 0) {
			eventStart = now;
		}
		int colon = line.indexOf(':');
		String field = colon < 0 ? line : line.substring(0, colon);
		String value = colon < 0 ? "" : line.substring(colon + 1);
		// as the browser does: one leading space of a value is dropped
		value = value.startsWith(" ") ? value.substring(1) : value;
		switch (field) {
			case "id" -> eventId = value;
			case "event" -> eventName = value;
			case "data" -> eventData = eventData == null ? new StringBuilder(value) : eventData.append('\n').append(value);
			default -> {
			}
		}
	}

	private void event(long arrival) {
		if ("done".equals(eventName)) {
			doneData = eventData == null ? "" : eventData.toString();
			return;
		}
		if (!"chunk".equals(eventName) || eventData == null) {
			return;
		}
		String piece = Pages.unescape(eventData.toString());
		int count = piece.codePointCount(0, piece.length());
		chunks++;
		text.append(piece);
		expectedId += count;
		if (eventId == null || Integer.parseInt(eventId) != expectedId) {
			mismatch = true;
		}
		if (count > 1) {
			user.users.catchUps.incrementAndGet();
		}
		if (firstArrival == 0) {
			firstArrival = arrival;
		}
		else {
			user.record(user.users.gaps, arrival - previousArrival);
		}
		previousArrival = arrival;
	}

	@Override
	public void onError(Throwable throwable) {
	}

	@Override
	public void onComplete() {
	}

	private synchronized void finish(boolean ok, String kind, String detail) {
		if (finished) {
			return;
		}
		finished = true;
		Users users = user.users;
		if (!ok) {
			user.fail(kind, detail);
			return;
		}
		if (chunks == 0) {
			// The answer finished before the stream attached: only the done event came, and the user sees the
			// whole answer at once. Slow, not lost; the journey goes on.
			users.lateStreams.incrementAndGet();
			users.error(FINISHED_BEFORE_STREAM, "answer " + answer.id());
		}
		else if (mismatch || !EXPECTED.contentEquals(text)) {
			users.mismatches.incrementAndGet();
			user.fail("text", "got [" + text + "] ids up to " + expectedId);
			return;
		}
		else {
			user.record(users.firsts, firstArrival - sent);
			if (user.recordTurn) {
				users.recordedChars.addAndGet(EXPECTED.length());
			}
		}
		user.streamed(doneData);
	}

}
