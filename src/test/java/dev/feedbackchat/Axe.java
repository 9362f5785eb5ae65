package dev.feedbackchat;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.providers.EmbeddedResourceAxeProvider;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's Selenium integration, which bundles the script) run in the page as it is now: the WCAG 2.0 and
 * 2.1 rules of levels A and AA.
 */
final class Axe {

	static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

	private Axe() {
	}

	/**
	 * Fails with every violation in the page: rule, impact, the elements (selectors) and axe's summary of what
	 * to fix.
	 *
	 * @param state what the page shows, for the message
	 */
	static void assertNoViolations(WebDriver driver, String state) {
		String violations = violations(driver);
		if (!violations.isEmpty()) {
			throw new AssertionError("axe-core violations in " + state + ":\n" + violations);
		}
	}

	/** The page's violations, one paragraph each, or "" for none. */
	@SuppressWarnings("deprecation") // legacy mode, see below
	static String violations(WebDriver driver) {
		// Legacy mode runs axe.run in the page itself: the page has no frames, and the default mode would open a
		// blank window for its last step, taking the focus from the page under test.
		AxeBuilder axe = new AxeBuilder().withTags(TAGS).setLegacyMode(true);
		// The script (about 600 KB) once per page, not once per run: a state is checked in several looks.
		axe.setInjectAxe(Axe::injectOnce, false);
		Results results = axe.analyze(driver);
		if (results.isErrored()) {
			throw new AssertionError("axe-core did not run: " + results.getError());
		}
		return results.getViolations().stream().map(Axe::describe).collect(Collectors.joining("\n"));
	}

	private static void injectOnce(WebDriver driver) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object';"))) {
			js.executeScript(script());
		}
	}

	private static String script;

	private static synchronized String script() {
		if (script == null) {
			try {
				script = new EmbeddedResourceAxeProvider().getScript();
			}
			catch (Exception ex) {
				throw new IllegalStateException("axe-core's script is not on the class path", ex);
			}
		}
		return script;
	}

	private static String describe(Rule rule) {
		return "- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + "\n"
				+ rule.getNodes().stream().map(Axe::describe).collect(Collectors.joining("\n"));
	}

	private static String describe(CheckedNode node) {
		return "    " + node.getTarget() + ": "
				+ String.valueOf(node.getFailureSummary()).replace("\n", "\n      ");
	}

}
