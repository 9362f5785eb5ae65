package dev.feedbackchat.load;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** What a user reads from the HTML the app returns, parsed with Jsoup as the browser tests do. */
final class Pages {

	static final String PROMPT = "hello";

	/** The whole answer of the echo responder to {@link #PROMPT}. */
	static final String EXPECTED = "You said, \"" + PROMPT + "\" ...interesting.";

	/** htmx sends the token as a header; its name and value come from the page's head. */
	record Csrf(String header, String token) {
	}

	/** The streaming answer in the response to a prompt: its id, stream URL, and the text already shown. */
	record Answer(String id, String streamUrl, int from, String shown) {
	}

	/** The token of {@code <meta name="_csrf">}; a page without it falls back to the forms' hidden input. */
	static Csrf csrf(String html) {
		Document page = Jsoup.parse(html);
		Element token = page.selectFirst("meta[name=_csrf]");
		if (token != null) {
			Element header = page.selectFirst("meta[name=_csrf_header]");
			return new Csrf(header != null ? header.attr("content") : "X-CSRF-TOKEN", token.attr("content"));
		}
		Element input = page.selectFirst("input[name=_csrf]");
		return input == null ? null : new Csrf("X-CSRF-TOKEN", input.val());
	}

	/** The answer that streams, or null if the response holds none. */
	static Answer answer(String html) {
		Element article = Jsoup.parseBodyFragment(html).selectFirst("article[id^=m-][sse-connect]");
		if (article == null) {
			return null;
		}
		String url = article.attr("sse-connect");
		int q = url.indexOf("from=");
		Element content = article.selectFirst(".content");
		int from = q < 0 ? 0 : Integer.parseInt(url.substring(q + 5).replaceAll("\\D.*", ""));
		return new Answer(article.id().substring(2), url, from, content == null ? "" : content.wholeText());
	}

	/**
	 * Null if this is the finished message {@code id} with the whole answer and an enabled Thumbs up, else
	 * what is wrong.
	 */
	static String finishedProblem(String html, String id) {
		Element article = Jsoup.parseBodyFragment(html).getElementById("m-" + id);
		if (article == null) {
			return "no article m-" + id;
		}
		Element content = article.selectFirst(".content");
		if (content == null || !EXPECTED.equals(content.text())) {
			return "finished text [" + (content == null ? null : content.text()) + "]";
		}
		Element up = article.selectFirst("button[name=value][value=1][aria-label=Thumbs up]");
		if (up == null || up.hasAttr("disabled")) {
			return "no enabled Thumbs up";
		}
		return null;
	}

	/** True if the rating widget returned shows Thumbs up pressed. */
	static boolean thumbsUpPressed(String html) {
		return Jsoup.parseBodyFragment(html).selectFirst("button[name=value][value=1][aria-pressed=true]") != null;
	}

	/** The text of a chunk event: its data is HTML-escaped. */
	static String unescape(String html) {
		return html.indexOf('&') < 0 ? html : Parser.unescapeEntities(html, false);
	}

	private Pages() {
	}

}
