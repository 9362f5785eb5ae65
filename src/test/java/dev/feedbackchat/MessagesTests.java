package dev.feedbackchat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.feedbackchat.arena.Outcome;
import dev.feedbackchat.arena.Side;
import dev.feedbackchat.model.FeedbackScale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message bundles are complete and every text users see comes from them: English and German have the same keys,
 * every key the templates and the Java code use exists, and no template has a hard-coded text.
 */
class MessagesTests {

	static final Path RESOURCES = Path.of("src/main/resources");

	static final Path TEMPLATES = RESOURCES.resolve("templates");

	/** Keys whose translation may be the English: names, and words other languages take as they are. */
	static final Set<String> SAME_AS_ENGLISH = Set.of("app.name", "arena.title", "arena.nav.chat", "rating.faces.2",
			"admin.audit.detail", "admin.deliveries.status", "admin.exports.csv", "admin.exports.dpo", "admin.exports.jsonl",
			"admin.exports.kto", "admin.exports.sft", "admin.format.days", "admin.models.responder", "admin.nav.chat",
			"admin.notAllowed.end", "admin.rating.faces.2", "admin.sentiment.neutral", "leaderboard.nav.arena",
			"leaderboard.nav.chat", "preferences.language.de", "preferences.language.en", "preferences.theme.system");

	/** String literals of the Java code that look like message codes but are not. */
	static final Set<String> NOT_MESSAGE_CODES = Set.of("error.type", "arena.battle");

	/** The attributes people read or hear: with letters, each must come from th:... (a bundle). */
	static final Set<String> READ_ATTRIBUTES = Set.of("placeholder", "title", "aria-label", "alt", "label");

	/** Sets an element's content: its text nodes and those of its descendants are not the page's. */
	static final Set<String> CONTENT_SETTERS = Set.of("th:text", "th:utext");

	static final Pattern LETTER = Pattern.compile("\\p{L}");

	@Test
	void thereIsGerman() throws IOException {
		assertThat(translations()).contains("messages_de.properties");
	}

	@ParameterizedTest
	@MethodSource("translations")
	void translationHasTheKeysOfEnglishAndNoEmptyValues(String file) throws IOException {
		Properties english = bundle("messages.properties");
		Properties translated = bundle(file);

		assertThat(translated.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
		assertThat(english.stringPropertyNames()).allSatisfy(key -> {
			assertThat(english.getProperty(key)).as(key).isNotBlank();
			assertThat(translated.getProperty(key)).as(key).isNotBlank();
		});
	}

	@ParameterizedTest
	@MethodSource("translations")
	void translationIsTranslated(String file) throws IOException {
		Properties english = bundle("messages.properties");
		Properties translated = bundle(file);

		List<String> untranslated = english.stringPropertyNames()
			.stream()
			.filter(key -> !SAME_AS_ENGLISH.contains(key))
			.filter(key -> english.getProperty(key).equals(translated.getProperty(key)))
			.sorted()
			.toList();
		assertThat(untranslated).as("keys with the English text in " + file).isEmpty();
	}

	/** Every bundle but the English one: messages_de.properties, and any language added. */
	static List<String> translations() throws IOException {
		try (Stream<Path> files = Files.list(RESOURCES)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> name.matches("messages_[A-Za-z_]+\\.properties"))
				.sorted()
				.toList();
		}
	}

	/** A message with arguments is a MessageFormat pattern: it must parse, and show its arguments. */
	@ParameterizedTest
	@MethodSource("bundles")
	void messagesWithArgumentsAreValidPatterns(String file) throws IOException {
		Properties messages = bundle(file);
		for (String key : messages.stringPropertyNames()) {
			String message = messages.getProperty(key);
			if (message.contains("{0")) {
				String shown = new MessageFormat(message, Locale.ENGLISH).format(new Object[] { 7, 8, 9, 10, 11, 12 });
				assertThat(shown).as(key).contains("7").doesNotContain("{");
			}
		}
	}

	static Stream<String> bundles() throws IOException {
		return Stream.concat(Stream.of("messages.properties"), translations().stream());
	}

	@Test
	void everyKeyOfTheTemplatesExists() throws IOException {
		Set<String> keys = bundle("messages.properties").stringPropertyNames();
		Pattern message = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");
		Set<String> missing = new TreeSet<>();
		for (Path template : templates()) {
			Matcher used = message.matcher(Files.readString(template));
			while (used.find()) {
				if (!keys.contains(used.group(1))) {
					missing.add(TEMPLATES.relativize(template) + ": " + used.group(1));
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	/**
	 * Every message code of the Java code exists: string literals shaped like a key whose first part is one of the
	 * bundles' ("refused.chat.show", "status.404"), and the codes made from enums.
	 */
	@Test
	void everyCodeOfTheJavaCodeExists() throws IOException {
		Set<String> keys = bundle("messages.properties").stringPropertyNames();
		Set<String> areas = new TreeSet<>();
		keys.forEach(key -> areas.add(key.substring(0, key.indexOf('.'))));
		Pattern literal = Pattern.compile("\"(" + String.join("|", areas) + ")(\\.[A-Za-z0-9-]+)+\"");
		Set<String> codes = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				Matcher used = literal.matcher(Files.readString(file));
				while (used.find()) {
					String code = used.group().substring(1, used.group().length() - 1);
					if (!NOT_MESSAGE_CODES.contains(code)) {
						codes.add(code);
					}
				}
			}
		}
		assertThat(codes).as("codes found in the Java code").contains("refused.prompt.empty", "status.404");
		for (FeedbackScale scale : FeedbackScale.values()) {
			for (int value = 0; value <= scale.max(); value++) {
				codes.add(scale.labelCode(value));
			}
		}
		for (Side side : Side.values()) {
			codes.add("arena.side." + side.id());
		}
		for (Outcome outcome : Outcome.values()) {
			codes.add("arena.outcome." + outcome.id());
		}
		assertThat(codes.stream().filter(code -> !keys.contains(code)).toList()).as("codes not in messages.properties")
			.isEmpty();
	}

	@Test
	void noTemplateHasHardCodedText() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path template : templates()) {
			String name = TEMPLATES.relativize(template).toString().replace('\\', '/');
			hardCoded(Files.readString(template)).forEach(text -> found.add(name + ": " + text));
		}
		assertThat(found).isEmpty();
	}

	/** The check itself fails on what it should find, and passes what comes from the bundles. */
	@Test
	void hardCodedTextIsFound() {
		assertThat(hardCoded("""
				<p>Hello</p>
				<p th:text="#{a.b}">Hello</p>
				<div th:text="${x}"><span>Inside</span></div>
				<header th:replace="~{fragments/layout :: header(#{t}, ~{::#actions})}"><div id="actions">Passed</div></header>
				<a th:replace="~{chat/delete :: link}">Replaced</a>
				<textarea placeholder="Write"></textarea>
				<textarea placeholder="Write" th:placeholder="#{w}"></textarea>
				<button aria-label="Send"></button>
				<button th:aria-label="#{send}" title="Send"></button>
				<button value="Go"></button>
				<input type="submit" value="Go" th:attr="value=#{go}">
				<input type="checkbox" value="on">
				<p>&rsaquo; 2 / 3</p>
				<!-- A comment -->
				"""))
			.containsExactly("text \"Hello\"", "text \"Passed\"", "placeholder=\"Write\"", "aria-label=\"Send\"",
					"title=\"Send\"", "value=\"Go\"");
	}

	/** The texts with letters of a template that no th: attribute sets. */
	static List<String> hardCoded(String html) {
		Document document = Jsoup.parse(html, "", Parser.htmlParser());
		List<String> found = new ArrayList<>();
		for (Element element : document.getAllElements()) {
			for (TextNode text : element.textNodes()) {
				// A <code> element holds a setting's or a format's name, the same in every language.
				if (LETTER.matcher(text.text()).find() && !contentSet(element) && !element.nameIs("code")) {
					found.add("text \"" + text.text().strip() + "\"");
				}
			}
			for (Attribute attribute : element.attributes()) {
				String name = attribute.getKey();
				boolean read = READ_ATTRIBUTES.contains(name) || (name.equals("value") && isButton(element));
				if (read && LETTER.matcher(attribute.getValue()).find() && !element.hasAttr("th:" + name)
						&& !element.attr("th:attr").contains(name + "=")) {
					found.add(name + "=\"" + attribute.getValue() + "\"");
				}
			}
		}
		return found;
	}

	/**
	 * Whether the element's text is replaced when rendered: it or an ancestor sets its content, or replaces itself
	 * with another template's markup (passing none of its own, as {@code ~{::#id}} does).
	 */
	private static boolean contentSet(Element element) {
		for (Element at = element; at != null; at = at.parent()) {
			if (CONTENT_SETTERS.stream().anyMatch(at::hasAttr)) {
				return true;
			}
			for (String replace : List.of("th:replace", "th:insert")) {
				if (at.hasAttr(replace) && !at.attr(replace).contains("~{::")) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isButton(Element element) {
		String type = element.attr("type");
		return element.normalName().equals("button")
				|| (element.normalName().equals("input") && Set.of("submit", "button", "reset").contains(type));
	}

	static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			return files.filter(path -> path.toString().endsWith(".html")).sorted().toList();
		}
	}

	static Properties bundle(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
