package dev.feedbackchat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The colours of chat.css, light and dark: every colour is a custom property of the two sets, the two dark blocks
 * (system dark mode, chosen Dark) are the same, and each pair of colours the stylesheet puts together meets WCAG
 * 2.2's contrast: 4.5:1 for text (1.4.3), 3:1 for chart bars, icons, control borders and the focus ring (1.4.11).
 */
class PaletteTests {

	private static final Path STYLESHEET = Path.of("src/main/resources/static/css/chat.css");

	/** Text on the backgrounds it is shown on. */
	private static final List<Pair> TEXT = List.of(
			// body text: pages, cards, tables, bubbles, code, neutral rating labels, notices
			new Pair("text", "bg"), new Pair("text", "surface"), new Pair("text", "assistant"), new Pair("text", "user"),
			new Pair("text", "code-bg"), new Pair("text", "surface-muted"),
			// muted text: hints, roles, table headers, times, chart axes, quotes in answers
			new Pair("muted", "bg"), new Pair("muted", "surface"), new Pair("muted", "assistant"),
			new Pair("muted", "user"), new Pair("muted", "code-bg"),
			// links, and the pressed chip's text
			new Pair("accent", "bg"), new Pair("accent", "surface"), new Pair("accent", "assistant"),
			new Pair("accent", "user"),
			// badges ("your choice", pending deliveries) and the pressed vote
			new Pair("focus", "user"),
			// text on filled buttons and avatars
			new Pair("on-primary", "primary"), new Pair("on-primary", "primary-hover"),
			new Pair("on-primary", "avatar-user"), new Pair("on-primary", "danger-strong"),
			new Pair("on-primary", "danger-strong-hover"),
			// alerts
			new Pair("danger", "danger-bg"),
			// the dashboard's rating labels and the deliveries' badges
			new Pair("label-positive", "label-positive-bg"), new Pair("label-negative", "label-negative-bg"),
			new Pair("delivered", "delivered-bg"), new Pair("dead", "dead-bg"));

	/** Bars, icons, control borders and the focus ring, on what surrounds them. */
	private static final List<Pair> NON_TEXT = List.of(
			// each sentiment's bar on the chart's background (its grid is decorative)
			new Pair("chart-positive", "surface"), new Pair("chart-neutral", "surface"),
			new Pair("chart-negative", "surface"),
			// stars: lit, hovered (on the hover background), pressed
			new Pair("star", "surface"), new Pair("star", "assistant"), new Pair("star", "bg"),
			new Pair("star", "star-bg"),
			// borders of text boxes and selects, inside and outside
			new Pair("control-border", "surface"), new Pair("control-border", "bg"),
			// the focus ring wherever a control can be
			new Pair("focus", "bg"), new Pair("focus", "surface"), new Pair("focus", "assistant"),
			new Pair("focus", "user"),
			// the send button on the page, the chosen arena side's border
			new Pair("primary", "bg"), new Pair("primary", "surface"), new Pair("accent", "surface"));

	/** Colours that carry no information by themselves: borders between areas, disabled controls. */
	private static final Set<String> DECORATIVE = Set.of("border", "border-subtle", "user-border", "star-border",
			"danger-border", "disabled");

	private static final Pattern DECLARATION = Pattern.compile("(--[a-z0-9-]+|color-scheme)\\s*:\\s*([^;]+);");

	private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\\(");

	private static String css;

	private static Map<String, Map<String, String>> themes;

	@BeforeAll
	static void read() throws IOException {
		css = Files.readString(STYLESHEET, StandardCharsets.UTF_8).replaceAll("(?s)/\\*.*?\\*/", "");
		Map<String, String> light = declarations(block(css, ":root {"));
		String media = block(css, "@media (prefers-color-scheme: dark) {");
		Map<String, String> systemDark = declarations(block(media, ":root:not([data-theme=\"light\"]) {"));
		Map<String, String> chosenDark = declarations(block(css, ":root[data-theme=\"dark\"] {"));
		assertThat(chosenDark).as("the chosen Dark theme is the system's dark mode").isEqualTo(systemDark);
		themes = Map.of("light", light, "dark", systemDark);
	}

	@Test
	void bothThemesDefineTheSameColoursAndTheirColorScheme() {
		assertThat(themes.get("dark").keySet()).isEqualTo(themes.get("light").keySet());
		assertThat(themes.get("light")).containsEntry("color-scheme", "light");
		assertThat(themes.get("dark")).containsEntry("color-scheme", "dark");
	}

	@Test
	void everyColourIsACustomPropertyOfBothSets() {
		String outside = css.replace(block(css, ":root {"), "")
			.replace(block(css, ":root:not([data-theme=\"light\"]) {"), "")
			.replace(block(css, ":root[data-theme=\"dark\"] {"), "");
		assertThat(COLOUR.matcher(outside).results().map(MatchResult -> MatchResult.group()).toList())
			.as("colours written outside the custom properties").isEmpty();
		Set<String> used = Pattern.compile("var\\(--([a-z0-9-]+)").matcher(css).results()
			.map(match -> match.group(1)).collect(Collectors.toCollection(TreeSet::new));
		assertThat(themes.get("light").keySet()).as("custom properties defined").containsAll(
				used.stream().map(name -> "--" + name).toList());
	}

	@Test
	void everyColourIsCheckedOrDecorative() {
		Set<String> classified = new HashSet<>(DECORATIVE);
		Stream.concat(TEXT.stream(), NON_TEXT.stream()).forEach(pair -> {
			classified.add(pair.foreground());
			classified.add(pair.background());
		});
		Set<String> defined = themes.get("light").keySet().stream().filter(name -> name.startsWith("--"))
			.map(name -> name.substring(2)).collect(Collectors.toSet());
		assertThat(classified).as("colours of the pairs").isSubsetOf(defined);
		assertThat(defined).as("colours with no contrast check and not listed as decorative").isSubsetOf(classified);
	}

	@ParameterizedTest
	@ValueSource(strings = { "light", "dark" })
	void textHasAContrastOfAtLeast4_5To1(String theme) {
		assertContrast(theme, TEXT, 4.5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "light", "dark" })
	void barsIconsBordersAndTheFocusRingHaveAtLeast3To1(String theme) {
		assertContrast(theme, NON_TEXT, 3.0);
	}

	@Test
	void contrastMatchesWcagsExamples() {
		assertThat(contrast("#000000", "#ffffff")).isEqualTo(21.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(contrast("#777777", "#ffffff")).isBetween(4.47, 4.49);
		assertThat(contrast("#fff", "#ffffff")).isEqualTo(1.0);
	}

	private static void assertContrast(String theme, List<Pair> pairs, double minimum) {
		Map<String, String> colours = themes.get(theme);
		SoftAssertions softly = new SoftAssertions();
		for (Pair pair : pairs) {
			String foreground = colours.get("--" + pair.foreground());
			String background = colours.get("--" + pair.background());
			softly.assertThat(foreground).as("--%s in the %s theme", pair.foreground(), theme).isNotNull();
			softly.assertThat(background).as("--%s in the %s theme", pair.background(), theme).isNotNull();
			if (foreground != null && background != null) {
				softly.assertThat(contrast(foreground, background))
					.as("%s: --%s %s on --%s %s", theme, pair.foreground(), foreground, pair.background(), background)
					.isGreaterThanOrEqualTo(minimum);
			}
		}
		softly.assertAll();
	}

	/** WCAG 2.2's contrast ratio of two sRGB colours written #rgb or #rrggbb. */
	static double contrast(String a, String b) {
		double first = luminance(a);
		double second = luminance(b);
		return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
	}

	private static double luminance(String hex) {
		assertThat(hex).as("a colour of the palette").matches("#(\\p{XDigit}{3}|\\p{XDigit}{6})");
		String digits = hex.substring(1);
		if (digits.length() == 3) {
			digits = digits.replaceAll("(.)", "$1$1");
		}
		double[] channels = new double[3];
		for (int i = 0; i < 3; i++) {
			double value = Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16) / 255.0;
			channels[i] = value <= 0.04045 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
		}
		return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
	}

	/** The body of the first rule that starts with this opening, up to its matching brace. */
	private static String block(String text, String opening) {
		int start = text.indexOf(opening);
		assertThat(start).as("chat.css has a rule \"%s\"", opening).isNotNegative();
		int depth = 0;
		for (int i = start + opening.length() - 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return text.substring(start + opening.length(), i);
			}
		}
		throw new AssertionError("Unclosed rule " + opening);
	}

	private static Map<String, String> declarations(String block) {
		Map<String, String> declarations = new LinkedHashMap<>();
		Matcher matcher = DECLARATION.matcher(block);
		while (matcher.find()) {
			declarations.put(matcher.group(1), matcher.group(2).trim().toLowerCase(java.util.Locale.ROOT));
		}
		return declarations;
	}

	private record Pair(String foreground, String background) {
	}

}
