package dev.feedbackchat.arena;

/**
 * One row of the leaderboard.
 *
 * @param contender the model name
 * @param rating the Bradley-Terry strength on the Elo scale, 1000 + 400·log10(strength), strengths normalised to a
 *     geometric mean of 1 (so the ratings average 1000)
 * @param lower the 2.5th percentile of the rating over the bootstrap resamples
 * @param upper the 97.5th percentile of the rating over the bootstrap resamples
 * @param rank 1 + the number of contenders whose {@code lower} is above this one's {@code upper}: contenders whose
 *     intervals overlap share a rank band (the LMSYS rule)
 * @param battles battles this contender took part in
 * @param wins battles it won
 * @param losses battles it lost
 * @param ties battles voted {@link Outcome#TIE} or {@link Outcome#BOTH_BAD}
 */
public record Standing(String contender, double rating, double lower, double upper, int rank, long battles,
		long wins, long losses, long ties) {
}
