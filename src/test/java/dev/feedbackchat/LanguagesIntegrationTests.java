package dev.feedbackchat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.feedbackchat.HttpChat.SseEvent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages, their htmx fragments, the closing events of streams and the error pages speak the language the browser
 * asks for (Accept-Language): German for de, English without the header or for a language the app does not have.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "chat.arena.enabled=true", "chat.echo.delay=1ms" })
class LanguagesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MessageSource messages;

	/** Accept-Language, the lang attribute expected (null: not checked), the bundle expected. */
	static Stream<Arguments> languages() {
		return Stream.of(Arguments.of(null, "en", Locale.ENGLISH),
				Arguments.of("de-DE,de;q=0.9,en;q=0.5", "de", Locale.GERMAN), Arguments.of("de", "de", Locale.GERMAN),
				Arguments.of("fr", "en", Locale.ENGLISH));
	}

	@ParameterizedTest
	@MethodSource("languages")
	void chatPageAndAFinishedAnswerWithItsRating(String acceptLanguage, String lang, Locale expected) throws Exception {
		HttpChat chat = new HttpChat(port, acceptLanguage);
		Document page = chat.page();
		assertLang(page, lang);
		assertThat(page.title()).isEqualTo(text("app.name", expected));
		assertThat(page.selectFirst("button.new-chat").text()).isEqualTo(text("messages.newChat", expected));
		assertThat(page.selectFirst("textarea#prompt").attr("placeholder"))
			.isEqualTo(text("composer.placeholder", expected));
		assertThat(page.selectFirst("button.send").attr("aria-label")).isEqualTo(text("composer.send", expected));
		assertThat(page.selectFirst("p.empty").text()).isEqualTo(text("messages.empty", expected));

		HttpResponse<String> started = chat.post("/messages", Map.of("prompt", "Hallo"));
		assertThat(started.statusCode()).isEqualTo(200);
		Document fragment = Jsoup.parseBodyFragment(started.body());
		assertThat(fragment.selectFirst("article.message.user .avatar").text())
			.isEqualTo(text("message.user.avatar", expected));
		assertThat(fragment.selectFirst("#composer-hint").text()).isEqualTo(text("composer.hint.busy", expected));
		String id = fragment.selectFirst("article.message.assistant").id().substring("m-".length());

		// The closing event is rendered on the thread that finishes the answer, in the stream's language.
		Element closing = HttpChat.closing(chat.readAll(id, null));
		assertRating(closing.getElementById("m-" + id), expected);
		assertThat(closing.selectFirst("#composer-hint").text()).isEqualTo(text("composer.hint.idle", expected));
		assertRating(chat.page().getElementById("m-" + id), expected);

		HttpResponse<String> rated = chat.rate(id, 1);
		assertThat(rated.statusCode()).isEqualTo(200);
		Document widget = Jsoup.parseBodyFragment(rated.body());
		assertThat(widget.selectFirst(".comment-form .reasons legend").text())
			.isEqualTo(text("feedback.reasons.positive", expected));
		assertThat(widget.selectFirst(".comment-form > label").text())
			.isEqualTo(text("feedback.question.positive", expected));
		assertThat(widget.selectFirst(".comment-form textarea[name=comment]").attr("placeholder"))
			.isEqualTo(text("feedback.comment.placeholder", expected));
		assertThat(widget.selectFirst(".send-comment").text()).isEqualTo(text("feedback.send", expected));
		HttpResponse<String> again = chat.rate(id, 0);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(Jsoup.parseBodyFragment(again.body()).selectFirst("#error .alert").text())
			.isEqualTo(text("refused.feedback.alreadyRated", expected));
	}

	private void assertRating(Element answer, Locale expected) {
		assertThat(answer.selectFirst(".rating > .visually-hidden").text()).isEqualTo(text("a11y.rating.label", expected));
		assertThat(answer.select(".rating button.choice").eachAttr("aria-label"))
			.containsExactly(text("rating.thumbs.1", expected), text("rating.thumbs.0", expected));
		assertThat(answer.selectFirst(".regenerate-button").attr("title"))
			.isEqualTo(text("answer.regenerate", expected));
		assertThat(answer.selectFirst(".role").text())
			.isEqualTo(text("message.assistant.role", expected));
	}

	@ParameterizedTest
	@MethodSource("languages")
	void refusalsAndErrorPages(String acceptLanguage, String lang, Locale expected) throws Exception {
		HttpChat chat = new HttpChat(port, acceptLanguage);
		chat.page();

		HttpResponse<String> empty = chat.post("/messages", Map.of("prompt", " "));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(empty.body()).selectFirst(".alert").text())
			.isEqualTo(text("refused.prompt.empty", expected));

		// A refusal with arguments: numbers in the language's format. A language the app does not have gets English
		// text, its numbers formatted for the locale asked for (until a LocaleResolver keeps to the app's languages).
		HttpResponse<String> tooLong = chat.post("/messages", Map.of("prompt", "x".repeat(4001)));
		assertThat(tooLong.statusCode()).isEqualTo(413);
		String limit = Jsoup.parse(tooLong.body()).selectFirst(".alert").text();
		if (lang != null) {
			assertThat(limit)
				.isEqualTo(messages.getMessage("refused.prompt.tooLong", new Object[] { 4001, 4000 }, expected))
				.contains(expected == Locale.GERMAN ? "4.001" : "4,001");
		}
		else {
			assertThat(limit).startsWith("Your message is 4");
		}

		HttpResponse<String> missing = chat.get("/nothing-here");
		assertThat(missing.statusCode()).isEqualTo(404);
		Document notFound = Jsoup.parse(missing.body());
		assertLang(notFound, lang);
		assertThat(notFound.title()).isEqualTo(text("page.title.error", expected));
		assertThat(notFound.selectFirst(".alert").text()).isEqualTo(text("status.404", expected));
		assertThat(notFound.selectFirst("main a").text()).isEqualTo(text("error.back", expected));

		// Answered by Tomcat before the app (a malformed address): the static copy of the error page.
		HttpResponse<String> malformed = chat.get("/a%2Fb");
		assertThat(malformed.statusCode()).isEqualTo(400);
		Document bad = Jsoup.parse(malformed.body());
		assertThat(bad.selectFirst(".alert").text()).isEqualTo(text("status.400", expected));
		assertThat(bad.selectFirst("main a").text()).isEqualTo(text("error.back", expected));
	}

	@ParameterizedTest
	@MethodSource("languages")
	void arenaBattle(String acceptLanguage, String lang, Locale expected) throws Exception {
		HttpChat chat = new HttpChat(port, acceptLanguage);
		chat.page();
		Document page = Jsoup.parse(chat.get("/arena").body());
		assertLang(page, lang);
		assertThat(page.selectFirst("header h1").text()).isEqualTo(text("arena.title", expected));
		assertThat(page.selectFirst("#arena-nav").attr("aria-label")).isEqualTo(text("arena.nav.label", expected));
		assertThat(page.selectFirst("#battle p.empty").text()).isEqualTo(text("arena.empty", expected));

		HttpResponse<String> started = chat.post("/arena/battles", Map.of("prompt", "Hallo"));
		assertThat(started.statusCode()).isEqualTo(200);
		Document battle = Jsoup.parseBodyFragment(started.body());
		assertThat(battle.select(".side .role").eachText())
			.containsExactly(text("arena.side.a", expected), text("arena.side.b", expected));
		String streamA = battle.selectFirst("#side-a").attr("sse-connect");
		String streamB = battle.selectFirst("#side-b").attr("sse-connect");
		List<SseEvent> a = chat.readAllAt(streamA);
		List<SseEvent> b = chat.readAllAt(streamB);
		Element vote = Stream.of(HttpChat.closing(a), HttpChat.closing(b))
			.map(closing -> closing.selectFirst("#arena-vote"))
			.filter(found -> found != null)
			.findFirst()
			.orElseThrow();
		assertThat(vote.selectFirst(".votes").attr("aria-label")).isEqualTo(text("arena.vote.label", expected));
		assertThat(vote.select(".vote-button").eachText()).containsExactly(text("arena.outcome.a", expected),
				text("arena.outcome.b", expected), text("arena.outcome.tie", expected),
				text("arena.outcome.bothbad", expected));

		String id = streamA.split("/")[2];
		Document voted = Jsoup.parseBodyFragment(chat.post("/arena/" + id + "/vote", Map.of("outcome", "a")).body());
		assertThat(voted.selectFirst("#side-a .badge").text()).isEqualTo(text("arena.side.yourChoice", expected));
		assertThat(voted.selectFirst("#arena-vote .hint").text()).startsWith(text("arena.vote.thanks", expected));
	}

	@Test
	void germanIsGerman() throws Exception {
		HttpChat chat = new HttpChat(port, "de");
		Document page = chat.page();
		assertThat(page.selectFirst("textarea#prompt").attr("placeholder")).isEqualTo("Sag etwas");
		assertThat(page.selectFirst("button.new-chat").text()).isEqualTo("Neuer Chat");
		assertThat(Jsoup.parse(chat.get("/nothing-here").body()).selectFirst(".alert").text())
			.isEqualTo("Unter dieser Adresse gibt es nichts.");
		Document english = new HttpChat(port).page();
		assertThat(english.selectFirst("textarea#prompt").attr("placeholder")).isEqualTo("Say something");
	}

	private String text(String code, Locale locale) {
		return messages.getMessage(code, null, locale);
	}

	private static void assertLang(Document page, String lang) {
		if (lang != null) {
			assertThat(page.selectFirst("html").attr("lang")).isEqualTo(lang);
		}
	}

}
