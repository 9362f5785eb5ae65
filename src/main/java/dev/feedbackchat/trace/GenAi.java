package dev.feedbackchat.trace;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute names of the spans: the OpenTelemetry GenAI semantic conventions where they name a thing, {@code
 * chat.*} for this app's own.
 */
final class GenAi {

	static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("gen_ai.system");

	static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");

	static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");

	static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");

	static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("gen_ai.conversation.id");

	static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	static final AttributeKey<Long> TIME_TO_FIRST_TOKEN_MS = AttributeKey
		.longKey("gen_ai.response.time_to_first_token_ms");

	static final AttributeKey<String> FINISH_REASONS = AttributeKey.stringKey("gen_ai.response.finish_reasons");

	static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	/** The first piece of the answer, at the moment it came. */
	static final String FIRST_TOKEN_EVENT = "gen_ai.first_token";

	static final String FEEDBACK_EVENT = "gen_ai.feedback";

	static final AttributeKey<String> ANSWER_ID = AttributeKey.stringKey("chat.answer.id");

	static final AttributeKey<String> ANSWER_STATUS = AttributeKey.stringKey("chat.answer.status");

	static final AttributeKey<String> TURN_KIND = AttributeKey.stringKey("chat.turn.kind");

	static final AttributeKey<Long> FEEDBACK_VALUE = AttributeKey.longKey("chat.feedback.value");

	static final AttributeKey<String> FEEDBACK_LABEL = AttributeKey.stringKey("chat.feedback.label");

	static final AttributeKey<String> FEEDBACK_SENTIMENT = AttributeKey.stringKey("chat.feedback.sentiment");

	static final AttributeKey<String> FEEDBACK_SCALE = AttributeKey.stringKey("chat.feedback.scale");

	private GenAi() {
	}

}
