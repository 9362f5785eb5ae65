package dev.feedbackchat.load;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static dev.feedbackchat.load.Pages.PROMPT;

/**
 * One simulated user, as a person in a browser: loads the page, then takes turns, each the recorded steps of
 * {@link TurnScript} in order, thinks after each, and reloads the page after every 10th turn. Moved along by
 * callbacks; a failed step counts an error and ends the turn.
 */
class User {

	static final int TURNS_PER_PAGE = 10;

	final Users users;

	/** This user's client address (X-Forwarded-For). */
	final String address = Users.nextAddress();

	String cookie;

	Pages.Csrf csrf;

	int turn;

	/** The turn under way. */
	long turnStart;

	boolean recordTurn;

	int step;

	Pages.Answer answer;

	long sent;

	long shownArrival;

	boolean finishedChecked;

	/** The page was loaded since the last turn began. */
	boolean pageFresh;

	User(Users users) {
		this.users = users;
	}

	void start() {
		loadPage();
	}

	/** Before a turn: the user leaves, reloads the page, or goes on. */
	void nextTurn() {
		if (users.stopping || turn >= users.maxTurns) {
			leave();
			return;
		}
		if (csrf == null || (turn > 0 && turn % TURNS_PER_PAGE == 0 && !pageFresh)) {
			loadPage();
			return;
		}
		pageFresh = false;
		turnStart = System.nanoTime();
		recordTurn = users.recording;
		step = 0;
		answer = null;
		finishedChecked = false;
		nextStep();
	}

	/** The user closes the tab. */
	void leave() {
		users.userEnded();
	}

	void loadPage() {
		long started = System.nanoTime();
		boolean record = users.recording;
		users.send(users.request("/", this).GET().build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			if (failed("page", response, failure)) {
				return;
			}
			if (record) {
				users.pages.add(System.nanoTime() - started);
			}
			response.headers()
				.allValues("Set-Cookie")
				.stream()
				// JSESSIONID from Tomcat, SESSION from Spring Session (chat.cluster.enabled)
				.filter(c -> c.startsWith("JSESSIONID=") || c.startsWith("SESSION="))
				.findFirst()
				.ifPresent(c -> cookie = c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')));
			csrf = Pages.csrf(response.body());
			if (csrf == null) {
				fail("page", "no CSRF token");
				return;
			}
			pageFresh = true;
			nextTurn();
		});
	}

	void nextStep() {
		if (step == users.steps.size()) {
			turnDone();
			return;
		}
		switch (users.steps.get(step++)) {
			case SEND -> send();
			case STREAM -> new AnswerStream(this, answer, sent, shownArrival).open();
			case FINISHED -> fetchFinished();
			case RATE -> rate();
		}
	}

	void send() {
		sent = System.nanoTime();
		users.send(post("/messages", "prompt=" + PROMPT), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			long arrived = System.nanoTime();
			if (failed("send", response, failure)) {
				return;
			}
			record(users.sends, arrived - sent);
			answer = Pages.answer(response.body());
			if (answer == null) {
				fail("send", "no streaming answer in " + response.body());
				return;
			}
			shownArrival = answer.shown().isEmpty() ? 0 : arrived;
			nextStep();
		});
	}

	/** The stream has ended with its done event; its data is the finished message, or nothing of it. */
	void streamed(String doneData) {
		if (doneData != null && doneData.contains("<article")) {
			if (!checkFinished(doneData)) {
				return;
			}
		}
		nextStep();
	}

	void fetchFinished() {
		HttpRequest get = users.request("/messages/" + answer.id(), this).header("HX-Request", "true").GET().build();
		users.send(get, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			if (failed("finished", response, failure) || !checkFinished(response.body())) {
				return;
			}
			nextStep();
		});
	}

	/** False (and the turn ended) unless it is the finished answer, whole, with its rating buttons. */
	boolean checkFinished(String html) {
		String problem = Pages.finishedProblem(html, answer.id());
		if (problem != null) {
			users.mismatches.incrementAndGet();
			fail("finished", problem + ": " + html);
			return false;
		}
		finishedChecked = true;
		return true;
	}

	void rate() {
		if (!finishedChecked) {
			fail("rate", "no finished message with its rating buttons before the rating");
			return;
		}
		long started = System.nanoTime();
		users.send(post("/messages/" + answer.id() + "/feedback", "value=1"), HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, failure) -> {
				long arrived = System.nanoTime();
				if (failed("rate", response, failure)) {
					return;
				}
				if (!Pages.thumbsUpPressed(response.body())) {
					fail("rate", "Thumbs up not pressed in " + response.body());
					return;
				}
				record(users.ratings, arrived - started);
				nextStep();
			});
	}

	void turnDone() {
		if (!finishedChecked) {
			fail("finished", "the turn ended without the finished message");
			return;
		}
		users.turns.incrementAndGet();
		if (recordTurn) {
			users.recordedTurns.incrementAndGet();
			users.turnTimes.add(System.nanoTime() - turnStart);
		}
		think();
	}

	void think() {
		turn++;
		if (users.thinkMs == 0) {
			users.executor.execute(this::nextTurn);
		}
		else {
			users.scheduler.schedule(this::nextTurn, users.thinkMs, TimeUnit.MILLISECONDS);
		}
	}

	HttpRequest post(String path, String form) {
		return users.request(path, this)
			.header("HX-Request", "true")
			.header(csrf.header(), csrf.token())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	void record(Recorder recorder, long nanos) {
		if (recordTurn) {
			recorder.add(nanos);
		}
	}

	boolean failed(String kind, HttpResponse<String> response, Throwable failure) {
		if (failure != null) {
			fail(kind, failure.toString());
			return true;
		}
		if (response.statusCode() != 200) {
			fail(kind, "HTTP " + response.statusCode());
			return true;
		}
		return false;
	}

	/** Counts the error and goes on as a person would: thinks, then the next turn. */
	void fail(String kind, String detail) {
		users.error(kind, detail);
		think();
	}

}
