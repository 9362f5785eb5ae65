package dev.feedbackchat.limits;

/** A place taken in a limit on things at once (an answer, a stream), held until released; releasing twice does nothing. */
@FunctionalInterface
public interface Slot {

	/** Takes no place: for what no client started, such as an answer taken over from another instance. */
	Slot NONE = () -> {
	};

	void release();

}
