package dev.feedbackchat.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReselect;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReswap;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRetarget;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxSwapType;

/**
 * On a handler that answers with the error page: htmx takes only the page's message and puts it into the
 * error region every page has ({@code fragments/error :: region}), so the rest of the page stays as it was.
 * A request without htmx ignores these headers and shows the whole page.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@HxRetarget(HxErrorRegion.TARGET)
@HxReswap(HxSwapType.INNER_HTML)
@HxReselect(HxErrorRegion.MESSAGE)
@interface HxErrorRegion {

	/** The error region of every page. */
	String TARGET = "#error";

	/** The message of the error page. */
	String MESSAGE = ".alert";

}
