package dev.feedbackchat.arena;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Direct results per pair: the share of battles the row contender won against the column contender, a tie or
 * "both are bad" counting half; empty when the two never met (and on the diagonal). Contenders are in
 * leaderboard order.
 */
public final class WinRates {

	private final List<String> contenders;

	private final Map<String, Integer> index;

	/** {@code wins[i][j]}: wins of i over j, ties as half. */
	private final double[][] wins;

	WinRates(List<String> contenders, Map<String, Integer> index, double[][] wins) {
		this.contenders = List.copyOf(contenders);
		this.index = Map.copyOf(index);
		this.wins = wins;
	}

	/** The contenders, in leaderboard order: the rows and the columns of the matrix. */
	public List<String> contenders() {
		return this.contenders;
	}

	/** The share of wins of {@code row} over {@code column} in their direct battles; empty if they never met. */
	public OptionalDouble rate(String row, String column) {
		Integer i = this.index.get(row);
		Integer j = this.index.get(column);
		if (i == null || j == null || i.equals(j)) {
			return OptionalDouble.empty();
		}
		double played = this.wins[i][j] + this.wins[j][i];
		return (played > 0) ? OptionalDouble.of(this.wins[i][j] / played) : OptionalDouble.empty();
	}

	/** The number of battles between {@code row} and {@code column}. */
	public long battles(String row, String column) {
		Integer i = this.index.get(row);
		Integer j = this.index.get(column);
		if (i == null || j == null || i.equals(j)) {
			return 0;
		}
		return Math.round(this.wins[i][j] + this.wins[j][i]);
	}
}
