package dev.feedbackchat.responder;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import tools.jackson.databind.json.JsonMapper;

/**
 * Responders made outside the one that {@code chat.responder} selects: the arena's contenders each have their own.
 */
public final class Responders {

	private Responders() {
	}

	/** The tutorial's echo, typing one code point every {@code delay}. */
	public static Responder echo(ScheduledExecutorService scheduler, Duration delay) {
		return new EchoResponder(scheduler, delay, EchoResponder::answerTo, EchoResponder.NAME);
	}

	/**
	 * A second deterministic contender for trying the arena with no model server: the echo's answer backwards, so
	 * that the two can be told apart.
	 */
	public static Responder reversedEcho(ScheduledExecutorService scheduler, Duration delay) {
		return new EchoResponder(scheduler, delay, Responders::reversedAnswerTo, "echo-reversed");
	}

	/** The echo's answer to {@code prompt}, code point by code point from the end. */
	public static String reversedAnswerTo(String prompt) {
		int[] codePoints = EchoResponder.answerTo(prompt).codePoints().toArray();
		int[] reversed = new int[codePoints.length];
		for (int i = 0; i < codePoints.length; i++) {
			reversed[i] = codePoints[codePoints.length - 1 - i];
		}
		return new String(reversed, 0, reversed.length);
	}

	/** An OpenAI-compatible chat-completions server. */
	public static Responder openAi(OpenAiProperties properties, JsonMapper json) {
		return new OpenAiResponder(properties, json);
	}

}
