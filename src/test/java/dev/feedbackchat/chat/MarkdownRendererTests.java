package dev.feedbackchat.chat;

import java.time.Duration;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Whatever a model writes renders, in bounded time and nesting, with its text kept. */
class MarkdownRendererTests {

	final MarkdownRenderer renderer = new MarkdownRenderer();

	String render(String markdown) {
		return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> renderer.html(markdown));
	}

	static int depth(Document html) {
		return html.body().getAllElements().stream().mapToInt(element -> element.parents().size()).max().orElse(0);
	}

	/**
	 * Each input is {@code prefix} repeated, " end of answer", {@code suffix} as often and " after". Images show
	 * no text (the sanitizer drops them, alt text and all), so only the text after them is expected.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"- "       | 3000  | ""       | end of answer after
			"> "       | 5000  | ""       | end of answer after
			"1. "      | 1000  | ""       | end of answer after
			"> - "     | 2000  | ""       | end of answer after
			"- > 1. "  | 1500  | ""       | end of answer after
			"["        | 10000 | ""       | end of answer after
			"*"        | 10000 | ""       | end of answer after
			"_"        | 10000 | ""       | end of answer after
			"[a]("     | 5000  | ""       | end of answer after
			"*a "      | 5000  | "*"      | end of answer
			"*a _"     | 2500  | "_*"     | end of answer
			"**a "     | 5000  | "**"     | end of answer
			"!["       | 5000  | "](u)"   | after
			"[x ![y "  | 3000  | "](u)](v)" | after
			""")
	void deeplyNestedMarkdownRendersWithItsTextAndBoundedNesting(String prefix, int times, String suffix, String expected) {
		String markdown = prefix.repeat(times) + "end of answer" + suffix.repeat(times) + " after";

		Document html = Jsoup.parseBodyFragment(render(markdown));

		assertThat(html.text()).contains(expected);
		assertThat(depth(html)).isLessThanOrEqualTo(NestingLimit.MAX_DEPTH + 8);
		assertThat(html.select("script")).isEmpty();
	}

	@Test
	void nestingWithinTheLimitIsRenderedAsWritten() {
		String markdown = "> quoted\n>\n> - one\n>   - *two* [link](https://example.com)\n>     1. three\n";

		Document html = Jsoup.parseBodyFragment(render(markdown));

		Element three = html.selectFirst("blockquote > ul > li > ul > li > ol > li");
		assertThat(three).isNotNull();
		assertThat(three.text()).isEqualTo("three");
		assertThat(html.select("em").text()).isEqualTo("two");
		assertThat(html.select("a[href=https://example.com]").text()).isEqualTo("link");
	}

	@Test
	void whatIsDeeperThanTheLimitIsKeptAsTextLineByLine() {
		String deep = "> ".repeat(100);
		String markdown = deep + "first line\n" + deep + "second *line*\n" + deep + "\n" + deep + "- item";

		Document html = Jsoup.parseBodyFragment(render(markdown));

		assertThat(html.select("blockquote")).hasSizeBetween(NestingLimit.MAX_DEPTH - 2, NestingLimit.MAX_DEPTH + 2);
		Element deepest = html.select("blockquote").last();
		assertThat(deepest.select("p")).singleElement()
			.satisfies(p -> assertThat(p.textNodes()).extracting(text -> text.text().strip())
				.containsExactly("first line", "second line", "item"));
		assertThat(deepest.select("br")).hasSize(2);
	}

	@Test
	void plainTextIsEscapedWithItsLineBreaks() {
		assertThat(MarkdownRenderer.plainText("<b>a</b> & \"b\"\r\nc\nd"))
			.isEqualTo("<p>&lt;b&gt;a&lt;/b&gt; &amp; &quot;b&quot;<br />\nc<br />\nd</p>");
	}

}
