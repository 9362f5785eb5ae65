package dev.feedbackchat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.WebDriver;

/**
 * The browsers of one test, each with its own profile and so its own session: the test's first (its {@link WebDriver}
 * parameter) and any it starts, e.g. a second visitor or one without JavaScript. {@link Chromium} makes one per test
 * and closes it, and so all of them, after the test.
 */
public final class Browsers implements AutoCloseable {

	private final List<Browser> started = new ArrayList<>();

	private WebDriver first;

	Browsers() {
	}

	/** Starts another browser; {@code arguments} are more Chromium switches, e.g. {@link Browser#NO_JAVASCRIPT}. */
	public WebDriver start(String... arguments) throws IOException {
		return start(null, arguments);
	}

	/** Starts another browser that saves downloads into {@code downloads} without asking. */
	public WebDriver start(Path downloads, String... arguments) throws IOException {
		Browser browser = Browser.start(downloads, arguments);
		started.add(browser);
		return browser.driver();
	}

	/** The test's browser: started on first use, then the same for its @BeforeEach method and itself. */
	WebDriver first() {
		if (first == null) {
			try {
				first = start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("no profile directory for Chromium", ex);
			}
		}
		return first;
	}

	/** Closes every browser, the rest too when one fails to close. */
	@Override
	public void close() {
		RuntimeException failure = null;
		for (Browser browser : started) {
			try {
				browser.close();
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		started.clear();
		if (failure != null) {
			throw failure;
		}
	}

}
