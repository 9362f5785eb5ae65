package dev.feedbackchat.chat;

import java.util.List;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unbescape.html.HtmlEscape;

import org.springframework.stereotype.Component;

/**
 * Renders a finished model answer as Markdown (CommonMark with GitHub tables). Model output is untrusted:
 * raw HTML in it is escaped, unsafe link targets dropped, and the result sanitized against an allow-list,
 * so no answer can ever inject script. Nesting is bounded ({@link NestingLimit}), and an answer that still cannot
 * be rendered is shown as escaped plain text: a page must render whatever a model wrote.
 */
@Component
public class MarkdownRenderer {

	private static final Logger log = LoggerFactory.getLogger(MarkdownRenderer.class);

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.LINKS)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "del")
			.allowAttributes("class")
			.matching(Pattern.compile("language-[\\w+-]{1,30}"))
			.onElements("code")
			.toFactory());

	private final Parser parser = Parser.builder()
		.extensions(EXTENSIONS)
		.postProcessor(new NestingLimit())
		.build();

	private final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();

	public String html(String markdown) {
		try {
			return POLICY.sanitize(renderer.render(parser.parse(markdown)));
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Deep inline nesting can still overflow the parser itself; the answer's text is all there is to show.
			log.warn("Showing an answer of {} characters as plain text: its Markdown could not be rendered ({})",
					markdown.length(), ex.getClass().getSimpleName());
			return plainText(markdown);
		}
	}

	/** The text escaped, its line breaks kept. */
	static String plainText(String text) {
		return "<p>" + HtmlEscape.escapeHtml4Xml(text).replace("\r\n", "\n").replace("\n", "<br />\n") + "</p>";
	}

}
