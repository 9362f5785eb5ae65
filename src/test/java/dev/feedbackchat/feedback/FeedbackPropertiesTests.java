package dev.feedbackchat.feedback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.feedbackchat.model.FeedbackScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** chat.feedback.* as the app binds it: application.yml, overridden as on the command line, and checked at startup. */
class FeedbackPropertiesTests {

	static FeedbackProperties bind(String... overrides) throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < overrides.length; i += 2) {
			values.put(overrides[i], overrides[i + 1]);
		}
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		List<ConfigurationPropertySource> sources = new java.util.ArrayList<>();
		sources.add(new MapConfigurationPropertySource(values));
		ConfigurationPropertySources.from(yaml).forEach(sources::add);
		return new Binder(sources).bindOrCreate("chat.feedback", FeedbackProperties.class);
	}

	@Test
	void defaults() throws Exception {
		FeedbackProperties properties = bind();
		assertThat(properties.mode()).isEqualTo(FeedbackMode.LOCKED);
		assertThat(properties.scale()).isEqualTo(FeedbackScale.THUMBS);
		assertThat(properties.reasons().negative()).containsExactly("Not factually correct",
				"Didn't follow instructions", "Incomplete", "Too long", "Unsafe or offensive", "Other");
		assertThat(properties.reasons().positive()).containsExactly("Accurate", "Helpful", "Well written");
		assertThat(properties.correction().maxLength()).isEqualTo(8000);
		assertThat(properties.reasons()).isEqualTo(FeedbackProperties.Reasons.DEFAULT);
	}

	@Test
	void withoutTheYamlTheSameDefaults() {
		FeedbackProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("chat.feedback.mode", "locked")))
			.bindOrCreate("chat.feedback", FeedbackProperties.class);
		assertThat(properties.reasons()).isEqualTo(FeedbackProperties.Reasons.DEFAULT);
		assertThat(properties.correction()).isEqualTo(FeedbackProperties.Correction.DEFAULT);
	}

	@Test
	void anEmptyListOffersNone() throws Exception {
		FeedbackProperties properties = bind("chat.feedback.reasons.negative", "",
				"chat.feedback.reasons.positive", "Clear,Short", "chat.feedback.correction.max-length", "100");
		assertThat(properties.reasons().negative()).isEmpty();
		assertThat(properties.reasons().positive()).containsExactly("Clear", "Short");
		assertThat(properties.correction().maxLength()).isEqualTo(100);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"chat.feedback.reasons.negative[0] | '\u00A0\u200B' | chat.feedback.reasons.negative has a blank reason",
			"chat.feedback.reasons.negative[0] | 'Next\u0085line' | chat.feedback.reasons.negative: reason \"Next\u0085line\" has a line break, another control character or a private-use character",
			"chat.feedback.reasons.positive[0] | 'Para\u2029graph' | chat.feedback.reasons.positive: reason \"Para\u2029graph\" has a line break, another control character or a private-use character",
			"chat.feedback.reasons.positive[0] | 'Marker \uE000comment\uE000' | chat.feedback.reasons.positive: reason \"Marker \uE000comment\uE000\" has a line break, another control character or a private-use character",
			"chat.feedback.reasons.positive[0] | ' Padded' | chat.feedback.reasons.positive: reason \" Padded\" starts or ends with a space",
			"chat.feedback.correction.max-length | 0 | chat.feedback.correction.max-length must be from 1 to 500,000, not 0",
			"chat.feedback.correction.max-length | 500001 | chat.feedback.correction.max-length must be from 1 to 500,000, not 500001" })
	void invalidSettingsStopTheStart(String name, String value, String message) {
		assertThatThrownBy(() -> bind(name, value)).isInstanceOf(BindException.class)
			.rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage(message);
	}

	@Test
	void aLabelTwiceInAListOnSeveralLinesOrTooLongIsRefused() throws Exception {
		assertThatThrownBy(() -> bind("chat.feedback.reasons.negative", "Other,Too long,Other")).rootCause()
			.hasMessage("chat.feedback.reasons.negative lists \"Other\" twice");
		assertThatThrownBy(() -> bind("chat.feedback.reasons.negative[0]", "Two\nlines")).rootCause()
			.hasMessage("chat.feedback.reasons.negative: reason \"Two\nlines\" has a line break, another control character or a private-use character");
		String longLabel = "x".repeat(101);
		assertThatThrownBy(() -> bind("chat.feedback.reasons.positive", longLabel)).rootCause()
			.hasMessage("chat.feedback.reasons.positive: reason \"%s\" is longer than 100 characters", longLabel);
		assertThat(bind("chat.feedback.reasons.positive", "x".repeat(100)).reasons().positive()).hasSize(1);
		assertThat(bind("chat.feedback.reasons.positive", "Other").reasons().negative()).as("a label in both lists")
			.contains("Other");
	}

}
