package dev.feedbackchat.arena;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The arena leaderboard computed from voted battles: Bradley-Terry strengths on the Elo scale with bootstrap
 * confidence intervals, rank bands, per-contender counts and the pairwise win-rate matrix. Pure and immutable:
 * the same battles, resamples and seed give the same leaderboard, whatever the order of the battles.
 *
 * <p>
 * How: battles are first aggregated per pair and result (the fit depends only on those counts), then fitted
 * with {@link BradleyTerry} (Newton on the likelihood, ties and "both are bad" as half a win each, one virtual
 * tie of each contender against a reference of strength 1 as a prior so that an undefeated or winless
 * contender still gets a finite rating). The 95 % interval is the 2.5/97.5 percentile interval over bootstrap resamples of the
 * battles (drawn with replacement, as many as there are battles, from a {@link SplittableRandom} with the
 * given seed); each resample is fitted from the full-data fit as a starting point.
 */
public final class Leaderboard {

	/** Bootstrap resamples when not given. */
	public static final int DEFAULT_RESAMPLES = 200;

	/** Seed of the bootstrap when not given: a fixed one, so the page does not change between two views. */
	public static final long DEFAULT_SEED = 20240501L;

	/** Virtual ties of each contender against a reference of strength 1 (see {@link BradleyTerry}). */
	static final double PRIOR_TIES = 1.0;

	/** Results per pair, in a cell index {@code (i * k + j) * 3 + result} with {@code i < j}. */
	static final int LOWER_WINS = 0;

	static final int HIGHER_WINS = 1;

	static final int TIED = 2;

	private final List<Standing> standings;

	private final WinRates winRates;

	private final long battles;

	private final int resamples;

	private final long seed;

	private Leaderboard(List<Standing> standings, WinRates winRates, long battles, int resamples, long seed) {
		this.standings = List.copyOf(standings);
		this.winRates = winRates;
		this.battles = battles;
		this.resamples = resamples;
		this.seed = seed;
	}

	/** The leaderboard with {@link #DEFAULT_RESAMPLES} resamples and {@link #DEFAULT_SEED}. */
	public static Leaderboard compute(Collection<Battle> battles) {
		return compute(battles, DEFAULT_RESAMPLES, DEFAULT_SEED);
	}

	/**
	 * @param battles the voted battles, in any order
	 * @param resamples bootstrap resamples for the intervals (at least 1; 200 or more for a 95 % interval worth
	 *     showing)
	 * @param seed seed of the bootstrap
	 */
	public static Leaderboard compute(Collection<Battle> battles, int resamples, long seed) {
		if (resamples < 1) {
			throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
		}
		// Contenders indexed in name order, so the result does not depend on the order of the battles.
		HashSet<String> names = new HashSet<>();
		for (Battle battle : battles) {
			names.add(battle.a());
			names.add(battle.b());
		}
		List<String> contenders = new ArrayList<>(names);
		Collections.sort(contenders);
		Map<String, Integer> index = new HashMap<>();
		for (int i = 0; i < contenders.size(); i++) {
			index.put(contenders.get(i), i);
		}
		int k = contenders.size();
		long[] cellCounts = new long[k * k * 3];
		long[] wins = new long[k];
		long[] losses = new long[k];
		long[] ties = new long[k];
		for (Battle battle : battles) {
			int a = index.get(battle.a());
			int b = index.get(battle.b());
			int result;
			switch (battle.outcome()) {
				case A_WINS -> {
					wins[a]++;
					losses[b]++;
					result = (a < b) ? LOWER_WINS : HIGHER_WINS;
				}
				case B_WINS -> {
					wins[b]++;
					losses[a]++;
					result = (a < b) ? HIGHER_WINS : LOWER_WINS;
				}
				default -> {
					ties[a]++;
					ties[b]++;
					result = TIED;
				}
			}
			cellCounts[cell(k, Math.min(a, b), Math.max(a, b), result)]++;
		}
		int[] usedCells = usedCells(cellCounts);
		double[][] winMatrix = winMatrix(k, cellCounts, usedCells);
		double[] strengths = BradleyTerry.fit(winMatrix, PRIOR_TIES, null);
		double[][] bootstrapRatings = bootstrap(k, cellCounts, usedCells, battles.size(), resamples, seed,
				strengths);

		double[] ratings = new double[k];
		double[] lower = new double[k];
		double[] upper = new double[k];
		for (int i = 0; i < k; i++) {
			ratings[i] = rating(strengths[i]);
			double[] sample = bootstrapRatings[i];
			Arrays.sort(sample);
			lower[i] = percentile(sample, 0.025);
			upper[i] = percentile(sample, 0.975);
		}
		int[] ranks = ranks(lower, upper);
		List<Standing> standings = new ArrayList<>(k);
		for (int i = 0; i < k; i++) {
			standings.add(new Standing(contenders.get(i), ratings[i], lower[i], upper[i], ranks[i],
					wins[i] + losses[i] + ties[i], wins[i], losses[i], ties[i]));
		}
		standings.sort(Comparator.comparingDouble(Standing::rating).reversed()
			.thenComparing(Standing::contender));
		List<String> order = standings.stream().map(Standing::contender).toList();
		return new Leaderboard(standings, new WinRates(order, index, winMatrix), battles.size(), resamples,
				seed);
	}

	/** The rows, highest rating first. */
	public List<Standing> standings() {
		return this.standings;
	}

	/** The pairwise win-rate matrix, in the order of {@link #standings()}. */
	public WinRates winRates() {
		return this.winRates;
	}

	/** The number of battles the leaderboard was computed from. */
	public long battles() {
		return this.battles;
	}

	public int resamples() {
		return this.resamples;
	}

	public long seed() {
		return this.seed;
	}

	/**
	 * Rank bands: 1 + the number of contenders whose lower bound is above this one's upper bound, so contenders
	 * whose intervals overlap can share a rank and a rank is never better than the evidence allows (LMSYS).
	 */
	static int[] ranks(double[] lower, double[] upper) {
		int[] ranks = new int[lower.length];
		for (int i = 0; i < lower.length; i++) {
			ranks[i] = 1;
			for (int j = 0; j < lower.length; j++) {
				if (lower[j] > upper[i]) {
					ranks[i]++;
				}
			}
		}
		return ranks;
	}

	/** The Elo-scale rating of a strength normalised to a geometric mean of 1. */
	static double rating(double strength) {
		return 1000 + 400 * Math.log10(strength);
	}

	static int cell(int k, int lowerIndex, int higherIndex, int result) {
		return (lowerIndex * k + higherIndex) * 3 + result;
	}

	private static int[] usedCells(long[] cellCounts) {
		return IntStream.range(0, cellCounts.length).filter((c) -> cellCounts[c] > 0).toArray();
	}

	/** {@code wins[i][j]}: wins of i over j, ties as half a win each side. */
	static double[][] winMatrix(int k, long[] cellCounts, int[] usedCells) {
		double[][] wins = new double[k][k];
		for (int cell : usedCells) {
			long count = cellCounts[cell];
			int pair = cell / 3;
			int i = pair / k;
			int j = pair % k;
			switch (cell % 3) {
				case LOWER_WINS -> wins[i][j] += count;
				case HIGHER_WINS -> wins[j][i] += count;
				default -> {
					wins[i][j] += count / 2.0;
					wins[j][i] += count / 2.0;
				}
			}
		}
		return wins;
	}

	/**
	 * Ratings per contender (rows) and resample (columns). Each resample draws as many battles as there are, with
	 * replacement, as indices into the battles sorted by cell, so a draw is one random int and one array read;
	 * only the per-cell counts are kept.
	 */
	private static double[][] bootstrap(int k, long[] cellCounts, int[] usedCells, int battleCount, int resamples,
			long seed, double[] start) {
		double[][] ratings = new double[k][resamples];
		if (battleCount == 0) {
			for (double[] row : ratings) {
				Arrays.fill(row, rating(1));
			}
			return ratings;
		}
		int[] cellOfBattle = new int[battleCount];
		int position = 0;
		for (int cell : usedCells) {
			Arrays.fill(cellOfBattle, position, position + (int) cellCounts[cell], cell);
			position += (int) cellCounts[cell];
		}
		SplittableRandom random = new SplittableRandom(seed);
		long[] counts = new long[cellCounts.length];
		for (int r = 0; r < resamples; r++) {
			Arrays.fill(counts, 0);
			for (int n = 0; n < battleCount; n++) {
				counts[cellOfBattle[random.nextInt(battleCount)]]++;
			}
			double[] strengths = BradleyTerry.fit(winMatrix(k, counts, usedCells), PRIOR_TIES, start);
			for (int i = 0; i < k; i++) {
				ratings[i][r] = rating(strengths[i]);
			}
		}
		return ratings;
	}

	/** Percentile of sorted values, linear interpolation between the nearest ranks ({@code q * (n - 1)}). */
	static double percentile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(below + 1, sorted.length - 1);
		double fraction = position - below;
		return sorted[below] + fraction * (sorted[above] - sorted[below]);
	}
}
