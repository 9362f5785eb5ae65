package dev.feedbackchat.arena;

import java.time.Instant;
import java.util.UUID;

/**
 * A voted battle as recorded, with its texts: what the exports write. Names are those shown after the vote.
 *
 * @param answerA A's answer, {@code null} if it never ended
 * @param statusA how A's answer ended: complete, stopped or failed ({@link ArenaRecord#STREAMING} if it never did)
 * @param votedAt when the vote was stored
 */
public record VotedBattle(UUID id, String prompt, String contenderA, String contenderB, String answerA,
		String answerB, String statusA, String statusB, Outcome outcome, Instant votedAt) {
}
