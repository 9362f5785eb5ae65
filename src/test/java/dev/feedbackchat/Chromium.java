package dev.feedbackchat;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;

/**
 * Headless Chromium for a browser test class, registered with {@code @ExtendWith(Chromium.class)}: it checks once that
 * Chromium and chromedriver are installed, and gives each test a started {@link WebDriver} (a parameter of the test,
 * of its {@code @BeforeEach} method or of the class's constructor; the same browser to all three) and {@link Browsers}
 * to start more. All of a test's browsers live in the test's {@link ExtensionContext.Store}, which closes them after
 * the test, also when it fails.
 */
public final class Chromium implements BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(Chromium.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		Browser.requireChromium();
	}

	/** The constructor of a test instance made for one test gets that test's context, so that test's browser. */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	/** Only within a test: a browser lives no longer than its test. */
	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		Class<?> type = parameter.getParameter().getType();
		return (type == WebDriver.class || type == Browsers.class) && context.getTestMethod().isPresent();
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Browsers browsers = context.getStore(NAMESPACE).computeIfAbsent(Browsers.class, key -> new Browsers(),
				Browsers.class);
		return parameter.getParameter().getType() == Browsers.class ? browsers : browsers.first();
	}

}
