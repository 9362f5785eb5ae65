package dev.feedbackchat.stream;

/**
 * Records an answer that has ended and renders its closing event; runs on the finisher executor (may block
 * on I/O). If it throws, a complete or stopped answer ends as failed and its {@code done} event is empty.
 */
@FunctionalInterface
public interface Finisher {

	Finished finish(AnswerProgress ended);

}
