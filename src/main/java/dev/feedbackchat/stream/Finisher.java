package dev.feedbackchat.stream;

/** Records an answer that has ended and renders its closing event; runs on the finisher executor (may block on I/O). */
@FunctionalInterface
public interface Finisher {

	Finished finish(AnswerProgress ended);

}
