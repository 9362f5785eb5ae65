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

import org.springframework.stereotype.Component;

/**
 * Renders a finished model answer as Markdown (CommonMark with GitHub tables). Model output is untrusted:
 * raw HTML in it is escaped, unsafe link targets dropped, and the result sanitized against an allow-list,
 * so no answer can ever inject script.
 */
@Component
public class MarkdownRenderer {

	private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS)
		.and(Sanitizers.TABLES)
		.and(Sanitizers.LINKS)
		.and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "del")
			.allowAttributes("class")
			.matching(Pattern.compile("language-[\\w+-]{1,30}"))
			.onElements("code")
			.toFactory());

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();

	String html(String markdown) {
		return POLICY.sanitize(renderer.render(parser.parse(markdown)));
	}

}
