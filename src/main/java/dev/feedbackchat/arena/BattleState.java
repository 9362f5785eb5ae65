package dev.feedbackchat.arena;

import java.time.Instant;
import java.util.UUID;

import dev.feedbackchat.model.AnswerStatus;

/**
 * A battle as it stands: the prompt, who answers on each side (revealed to the person only after the vote), each
 * answer so far, and the vote once there is one.
 *
 * @param instance the app instance generating its answers ({@code chat.cluster}); {@code null} when not known
 * @param vote     {@code null} until voted
 * @param votedAt  {@code null} until voted
 */
public record BattleState(UUID id, String prompt, String contenderA, String contenderB, String instance, Answer a,
		Answer b, Outcome vote, Instant votedAt) {

	/**
	 * One side's answer.
	 *
	 * @param text   the text so far; empty before the first piece
	 * @param status generating until it ends
	 * @param error  why it failed, for the person; {@code null} otherwise
	 */
	public record Answer(String text, AnswerStatus status, String error) {

		public static final Answer STARTED = new Answer("", AnswerStatus.GENERATING, null);

	}

	public Answer answer(Side side) {
		return side == Side.A ? a : b;
	}

	public String contender(Side side) {
		return side == Side.A ? contenderA : contenderB;
	}

	public BattleState with(Side side, Answer answer) {
		return side == Side.A ? new BattleState(id, prompt, contenderA, contenderB, instance, answer, b, vote, votedAt)
				: new BattleState(id, prompt, contenderA, contenderB, instance, a, answer, vote, votedAt);
	}

	/** Both answers have ended, one way or another. */
	public boolean finished() {
		return a.status().finished() && b.status().finished();
	}

	/** An answer failed: the battle cannot be voted on. */
	public boolean failed() {
		return a.status() == AnswerStatus.FAILED || b.status() == AnswerStatus.FAILED;
	}

	public boolean voted() {
		return vote != null;
	}

	/** Both answers ended, neither failed, no vote yet. */
	public boolean votable() {
		return finished() && !failed() && !voted();
	}
}
