package dev.feedbackchat.arena;

/**
 * The vote on one battle. {@link #TIE} and {@link #BOTH_BAD} are kept apart because the vote means something
 * different to a reader, but the leaderboard scores both as half a win for each side, as Chatbot Arena does.
 */
public enum Outcome {
	A_WINS, B_WINS, TIE, BOTH_BAD
}
