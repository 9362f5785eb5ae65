package dev.feedbackchat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.TokenSink;

/** Holds every answer open until the test calls {@link #finishAll()}, which completes them with the echo text. */
public class ManualResponder implements Responder {

	private record Pending(String prompt, TokenSink sink) {
	}

	private final List<Pending> pending = new CopyOnWriteArrayList<>();

	@Override
	public String name() {
		return "manual";
	}

	@Override
	public void respond(String prompt, TokenSink sink) {
		pending.add(new Pending(prompt, sink));
	}

	public void finishAll() {
		for (Pending answer : pending) {
			answer.sink().token(EchoResponder.answerTo(answer.prompt()));
			answer.sink().complete();
			pending.remove(answer);
		}
	}

}
