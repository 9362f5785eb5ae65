package dev.feedbackchat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.feedbackchat.responder.EchoResponder;
import dev.feedbackchat.responder.Responder;
import dev.feedbackchat.responder.TokenSink;

/**
 * Holds every answer open until the test calls {@link #finishAll()}, which completes them with the echo text, or
 * {@link #finishAll(String)} with a text of the test's.
 */
public class ManualResponder implements Responder {

	private volatile boolean markdown;

	private record Pending(String prompt, TokenSink sink) {
	}

	private final List<Pending> pending = new CopyOnWriteArrayList<>();

	/** The history each answer was started with, in order. */
	private final List<List<Turn>> histories = new CopyOnWriteArrayList<>();

	@Override
	public String name() {
		// It answers as the echo does, so pages render its answers as the echo's: plain text.
		return EchoResponder.NAME;
	}

	@Override
	public boolean writesMarkdown() {
		return markdown;
	}

	/** Whether answers started from now on are Markdown, as a model's are (rendered when finished), or plain text. */
	public void writeMarkdown(boolean markdown) {
		this.markdown = markdown;
	}

	@Override
	public String model() {
		return "manual";
	}

	@Override
	public Generation respond(List<Turn> history, String prompt, TokenSink sink) {
		Pending answer = new Pending(prompt, sink);
		histories.add(List.copyOf(history));
		pending.add(answer);
		return () -> pending.remove(answer);
	}

	/** The history the latest answer was started with (the conversation before its prompt). */
	public List<Turn> lastHistory() {
		return histories.get(histories.size() - 1);
	}

	public void finishAll() {
		for (Pending answer : pending) {
			answer.sink().token(EchoResponder.answerTo(answer.prompt()));
			answer.sink().complete();
			pending.remove(answer);
		}
	}

	/** Completes every open answer with this text. */
	public void finishAll(String text) {
		for (Pending answer : pending) {
			answer.sink().token(text);
			answer.sink().complete();
			pending.remove(answer);
		}
	}

	/** Ends every open answer with this failure. */
	public void failAll(String reason) {
		for (Pending answer : pending) {
			answer.sink().fail(reason);
			pending.remove(answer);
		}
	}

}
