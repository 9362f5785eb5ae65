package dev.feedbackchat.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.feedbackchat.model.FeedbackScale;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The spans of turns and of their ratings (README, "Traces"). On when a span exporter exists, which Spring Boot
 * makes when {@code management.opentelemetry.tracing.export.otlp.endpoint} is set; off, every method returns at
 * once and nothing is allocated.
 * <p>
 * A rating usually comes after its turn's span has ended, and an ended span takes no more events, so a rating is a
 * short span of its own, {@code feedback}: a child of the turn's span (so Jaeger, Langfuse and Phoenix show it in
 * the turn's trace) with a link to it, carrying the rating as attributes and as a {@code gen_ai.feedback} event.
 * The turn's span is remembered in memory per answer, for a while and for a bounded number of answers; a rating
 * that comes later (or after a restart, or on another instance) gets a feedback span without parent or link, which
 * names the answer all the same ({@code chat.answer.id}).
 */
@Component
public class Traces {

	static final String SCOPE = "dev.feedbackchat";

	/** Answers whose turn span a rating can still find. */
	static final int REMEMBERED = 50_000;

	static final Duration REMEMBERED_FOR = Duration.ofHours(24);

	private final Tracer tracer;

	private final Cache<UUID, SpanContext> turns;

	Traces(ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<SpanExporter> exporters) {
		OpenTelemetry otel = openTelemetry.getIfAvailable();
		boolean exporting = otel != null && exporters.stream().findAny().isPresent();
		this.tracer = exporting ? otel.getTracer(SCOPE) : null;
		this.turns = exporting ? Caffeine.newBuilder().maximumSize(REMEMBERED).expireAfterWrite(REMEMBERED_FOR).build()
				: null;
	}

	/** Whether spans are made and exported. */
	public boolean enabled() {
		return tracer != null;
	}

	/**
	 * Starts the span of an answer, on the request that starts it: a child of the request's span. Named as the
	 * GenAI conventions name a chat call, {@code chat <model>}.
	 *
	 * @param system         the responder: {@code openai} or {@code echo}
	 * @param conversationId {@code null} for an arena battle's answer (its battle id is then the conversation)
	 */
	public TurnTrace turn(TurnKind kind, String system, String model, UUID conversationId, UUID answerId) {
		if (tracer == null) {
			return TurnTrace.NONE;
		}
		Instant started = Instant.now();
		SpanBuilder builder = tracer.spanBuilder("chat " + model)
			.setSpanKind(SpanKind.CLIENT)
			.setStartTimestamp(started)
			.setAttribute(GenAi.OPERATION, "chat")
			.setAttribute(GenAi.SYSTEM, system)
			.setAttribute(GenAi.PROVIDER, system)
			.setAttribute(GenAi.REQUEST_MODEL, model)
			.setAttribute(GenAi.ANSWER_ID, answerId.toString())
			.setAttribute(GenAi.TURN_KIND, kind.id());
		if (conversationId != null) {
			builder.setAttribute(GenAi.CONVERSATION_ID, conversationId.toString());
		}
		if (!"openai".equals(system)) {
			// A local responder answers as the model it is named: nothing else will tell.
			builder.setAttribute(GenAi.RESPONSE_MODEL, model);
		}
		Span span = builder.startSpan();
		turns.put(answerId, span.getSpanContext());
		return new TurnSpan(span, started);
	}

	/** Records a rating of an answer: a {@code feedback} span in the answer's trace (see above). */
	public void rated(UUID answerId, UUID conversationId, FeedbackScale scale, int value) {
		if (tracer == null) {
			return;
		}
		Attributes rating = Attributes.builder()
			.put(GenAi.ANSWER_ID, answerId.toString())
			.put(GenAi.FEEDBACK_SCALE, scale.id())
			.put(GenAi.FEEDBACK_VALUE, value)
			.put(GenAi.FEEDBACK_LABEL, scale.label(value))
			.put(GenAi.FEEDBACK_SENTIMENT, scale.sentiment(value).id())
			.build();
		SpanBuilder builder = tracer.spanBuilder("feedback").setSpanKind(SpanKind.INTERNAL).setAllAttributes(rating);
		if (conversationId != null) {
			builder.setAttribute(GenAi.CONVERSATION_ID, conversationId.toString());
		}
		SpanContext turn = turns.getIfPresent(answerId);
		if (turn != null) {
			builder.setParent(Context.root().with(Span.wrap(turn))).addLink(turn);
		}
		Span span = builder.startSpan();
		span.addEvent(GenAi.FEEDBACK_EVENT, rating);
		span.end();
	}

}
