package dev.feedbackchat.trace;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.feedbackchat.model.AnswerStatus;
import dev.feedbackchat.responder.TokenSink;
import dev.feedbackchat.stream.AnswerProgress;
import dev.feedbackchat.stream.Finished;
import dev.feedbackchat.stream.Finisher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** The span of one answer, started by the request that starts the answer, ended on the finisher executor. */
final class TurnSpan implements TurnTrace {

	private final Span span;

	private final Instant started;

	TurnSpan(Span span, Instant started) {
		this.span = span;
		this.started = started;
	}

	@Override
	public TokenSink sink(TokenSink sink) {
		return new TracedSink(sink, span);
	}

	@Override
	public Finisher finisher(Finisher finisher) {
		return ended -> {
			Finished finished;
			try {
				finished = finisher.finish(ended);
			}
			catch (RuntimeException ex) {
				end(AnswerStatus.FAILED, "The answer could not be saved.", ended.firstTokenMillis());
				throw ex;
			}
			AnswerProgress outcome = finished.progress().finished() ? finished.progress() : ended;
			end(outcome.status(), outcome.error(), ended.firstTokenMillis());
			return finished;
		};
	}

	private void end(AnswerStatus status, String error, Long firstTokenMillis) {
		if (firstTokenMillis != null) {
			span.setAttribute(GenAi.TIME_TO_FIRST_TOKEN_MS, firstTokenMillis);
			span.addEvent(GenAi.FIRST_TOKEN_EVENT,
					TimeUnit.SECONDS.toNanos(started.getEpochSecond()) + started.getNano() + firstTokenMillis * 1_000_000,
					TimeUnit.NANOSECONDS);
		}
		span.setAttribute(GenAi.ANSWER_STATUS, status.id());
		if (status == AnswerStatus.FAILED) {
			span.setAttribute(GenAi.ERROR_TYPE, "answer_failed");
			span.setStatus(StatusCode.ERROR, error == null ? "failed" : error);
		}
		span.end();
	}

	/** Hands everything on; keeps what the server tells about the model and the tokens on the span. */
	private record TracedSink(TokenSink sink, Span span) implements TokenSink {

		@Override
		public void token(String text) {
			sink.token(text);
		}

		@Override
		public void complete() {
			sink.complete();
		}

		@Override
		public void fail(String reason) {
			sink.fail(reason);
		}

		@Override
		public void model(String name) {
			span.setAttribute(GenAi.RESPONSE_MODEL, name);
			sink.model(name);
		}

		@Override
		public void usage(long inputTokens, long outputTokens) {
			span.setAttribute(GenAi.INPUT_TOKENS, inputTokens);
			span.setAttribute(GenAi.OUTPUT_TOKENS, outputTokens);
			sink.usage(inputTokens, outputTokens);
		}

	}

}
