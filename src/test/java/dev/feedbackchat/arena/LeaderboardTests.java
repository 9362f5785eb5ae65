package dev.feedbackchat.arena;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LeaderboardTests {

	// (1) The fit against an independent Newton solution of the Bradley-Terry likelihood.

	@Test
	void fitEqualsAnIndependentNewtonMaximumLikelihood() {
		// wins[i][j]: wins of i over j; a strongly connected comparison graph, so the plain MLE exists.
		double[][] wins = { { 0, 7, 4, 9 }, { 3, 0, 6, 5 }, { 2, 4, 0, 8 }, { 1, 5, 2, 0 } };
		double[] newton = newtonStrengths(wins, -1);
		double[] fitted = BradleyTerry.fit(wins, 0, null);
		for (int i = 0; i < wins.length; i++) {
			assertThat(fitted[i]).isCloseTo(newton[i], within(1e-6));
		}
	}

	@Test
	void twoContendersMatchTheClosedForm() {
		// Two contenders, w wins and l losses: the MLE strength ratio is w / l.
		double[] strengths = BradleyTerry.fit(new double[][] { { 0, 30 }, { 12, 0 } }, 0, null);
		assertThat(strengths[0] / strengths[1]).isCloseTo(30.0 / 12.0, within(1e-6));
		assertThat(strengths[0] * strengths[1]).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void withoutThePriorAWinlessContenderHasStrengthZeroAndTheOthersTheirMle() {
		// c lost every battle: its MLE strength is 0, and the battles it lost say nothing about a against b.
		double[] strengths = BradleyTerry.fit(new double[][] { { 0, 3, 2 }, { 1, 0, 4 }, { 0, 0, 0 } }, 0, null);
		assertThat(strengths[2]).isZero();
		assertThat(strengths[0] / strengths[1]).isCloseTo(3.0, within(1e-6));
	}

	@Test
	void leaderboardRatingsEqualNewtonWithTheVirtualTiePrior() {
		List<Battle> battles = new ArrayList<>();
		add(battles, "alpha", "beta", Outcome.A_WINS, 7);
		add(battles, "beta", "alpha", Outcome.A_WINS, 3);
		add(battles, "alpha", "gamma", Outcome.A_WINS, 5);
		add(battles, "gamma", "alpha", Outcome.TIE, 2);
		add(battles, "beta", "gamma", Outcome.B_WINS, 4);
		add(battles, "beta", "gamma", Outcome.A_WINS, 6);
		// delta never lost: only the prior keeps its rating finite.
		add(battles, "delta", "gamma", Outcome.A_WINS, 3);
		Leaderboard leaderboard = Leaderboard.compute(battles);

		// The same data with the prior spelled out: a reference (index 4) with one tie against each contender.
		String[] names = { "alpha", "beta", "delta", "gamma" };
		double[][] wins = new double[5][5];
		wins[0][1] = 7;
		wins[1][0] = 3;
		wins[0][3] = 6;
		wins[3][0] = 1;
		wins[1][3] = 6;
		wins[3][1] = 4;
		wins[2][3] = 3;
		for (int i = 0; i < 4; i++) {
			wins[i][4] = 0.5;
			wins[4][i] = 0.5;
		}
		double[] newton = newtonStrengths(wins, 4);
		double[] contenders = java.util.Arrays.copyOf(newton, 4);
		BradleyTerry.normalise(contenders);
		var byName = byName(leaderboard);
		for (int i = 0; i < 4; i++) {
			assertThat(byName.get(names[i]).rating()).as(names[i])
				.isCloseTo(1000 + 400 * Math.log10(contenders[i]), within(1e-6));
		}
		assertThat(byName.get("delta").rating()).isFinite().isGreaterThan(byName.get("gamma").rating());
	}

	// (2) Property: simulated contenders with known strengths.

	@Test
	void fittedOrderFollowsTrueStrengthsAndIntervalsCoverThem() {
		double[] trueRatings = { 1210, 1140, 1075, 1020, 980, 925, 860, 790 };
		double mean = java.util.Arrays.stream(trueRatings).average().orElseThrow();
		Random random = new Random(7);
		List<Battle> battles = new ArrayList<>();
		for (int n = 0; n < 20_000; n++) {
			int a = random.nextInt(trueRatings.length);
			int b = random.nextInt(trueRatings.length - 1);
			if (b >= a) {
				b++;
			}
			double aWins = 1 / (1 + Math.pow(10, (trueRatings[b] - trueRatings[a]) / 400));
			battles.add(new Battle("m" + a, "m" + b, (random.nextDouble() < aWins) ? Outcome.A_WINS : Outcome.B_WINS));
		}
		Leaderboard leaderboard = Leaderboard.compute(battles, 200, 11);

		assertThat(leaderboard.standings()).extracting(Standing::contender)
			.containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7");
		int covered = 0;
		for (Standing standing : leaderboard.standings()) {
			// Ratings are normalised to average 1000, so compare with the true ratings shifted the same way.
			double truth = trueRatings[Integer.parseInt(standing.contender().substring(1))] - mean + 1000;
			assertThat(standing.lower()).isLessThan(standing.rating());
			assertThat(standing.upper()).isGreaterThan(standing.rating());
			assertThat(standing.rating()).isCloseTo(truth, within(40.0));
			if (standing.lower() <= truth && truth <= standing.upper()) {
				covered++;
			}
		}
		assertThat(covered).isGreaterThanOrEqualTo(6);
	}

	// (3) Ties and "both are bad" are half a win for each side.

	@Test
	void tiesAndBothBadCountAsHalfWins() {
		List<Battle> withTies = new ArrayList<>();
		add(withTies, "a", "b", Outcome.A_WINS, 3);
		add(withTies, "a", "b", Outcome.TIE, 1);
		add(withTies, "b", "a", Outcome.BOTH_BAD, 1);
		List<Battle> decisive = new ArrayList<>();
		add(decisive, "a", "b", Outcome.A_WINS, 4);
		add(decisive, "b", "a", Outcome.A_WINS, 1);

		var tied = byName(Leaderboard.compute(withTies));
		var plain = byName(Leaderboard.compute(decisive));
		assertThat(tied.get("a").rating()).isCloseTo(plain.get("a").rating(), within(1e-9));
		assertThat(tied.get("b").rating()).isCloseTo(plain.get("b").rating(), within(1e-9));
		assertThat(tied.get("a")).extracting(Standing::battles, Standing::wins, Standing::losses, Standing::ties)
			.containsExactly(5L, 3L, 0L, 2L);
		assertThat(tied.get("b")).extracting(Standing::battles, Standing::wins, Standing::losses, Standing::ties)
			.containsExactly(5L, 0L, 3L, 2L);
		assertThat(Leaderboard.compute(withTies).winRates().rate("a", "b")).hasValue(0.8);
	}

	// (4) Rank bands.

	@Test
	void overlappingIntervalsShareARankBand() {
		// Intervals: a [1100, 1200], b [1050, 1150] overlaps a, c [900, 1060] overlaps b only, d [800, 880].
		double[] lower = { 1100, 1050, 900, 800 };
		double[] upper = { 1200, 1150, 1060, 880 };
		assertThat(Leaderboard.ranks(lower, upper)).containsExactly(1, 1, 2, 4);
	}

	@Test
	void clearlySeparatedContendersGetDistinctRanks() {
		List<Battle> battles = new ArrayList<>();
		add(battles, "strong", "weak", Outcome.A_WINS, 900);
		add(battles, "weak", "strong", Outcome.A_WINS, 100);
		add(battles, "twin1", "twin2", Outcome.A_WINS, 50);
		add(battles, "twin2", "twin1", Outcome.A_WINS, 50);
		add(battles, "twin1", "weak", Outcome.TIE, 20);
		add(battles, "twin2", "strong", Outcome.TIE, 20);
		var standings = byName(Leaderboard.compute(battles));
		assertThat(standings.get("strong").rank()).isEqualTo(1);
		assertThat(standings.get("twin1").rank()).isEqualTo(standings.get("twin2").rank());
		assertThat(standings.get("weak").rank()).isGreaterThan(standings.get("twin1").rank());
		for (Standing standing : standings.values()) {
			int expected = 1 + (int) standings.values().stream().filter((o) -> o.lower() > standing.upper()).count();
			assertThat(standing.rank()).isEqualTo(expected);
		}
	}

	// (5) Win-rate matrix.

	@Test
	void winRateMatrixHoldsDirectResultsAndIsEmptyWhenNeverMet() {
		List<Battle> battles = new ArrayList<>();
		add(battles, "a", "b", Outcome.A_WINS, 3);
		add(battles, "b", "a", Outcome.A_WINS, 1);
		add(battles, "b", "c", Outcome.TIE, 1);
		add(battles, "b", "c", Outcome.B_WINS, 1);
		Leaderboard leaderboard = Leaderboard.compute(battles);
		WinRates rates = leaderboard.winRates();
		// Leaderboard order: c beat b 1.5 to 0.5, b lost to a 1 to 3.
		assertThat(rates.contenders()).containsExactly("a", "c", "b");
		assertThat(rates.contenders()).containsExactlyElementsOf(
				leaderboard.standings().stream().map(Standing::contender).toList());
		assertThat(rates.rate("a", "b")).hasValue(0.75);
		assertThat(rates.rate("b", "a")).hasValue(0.25);
		assertThat(rates.rate("c", "b")).hasValue(0.75);
		assertThat(rates.battles("b", "c")).isEqualTo(2);
		assertThat(rates.rate("a", "c")).isEmpty();
		assertThat(rates.rate("a", "a")).isEmpty();
		assertThat(rates.rate("a", "unknown")).isEmpty();
	}

	// (6) Reproducibility.

	@Test
	void sameBattlesAndSeedGiveTheSameLeaderboardInAnyOrder() {
		List<Battle> battles = new ArrayList<>();
		Random random = new Random(3);
		for (int n = 0; n < 2_000; n++) {
			int a = random.nextInt(5);
			int b = (a + 1 + random.nextInt(4)) % 5;
			battles.add(new Battle("m" + a, "m" + b, Outcome.values()[random.nextInt(4)]));
		}
		List<Standing> first = Leaderboard.compute(battles, 200, 99).standings();
		List<Battle> shuffled = new ArrayList<>(battles);
		Collections.shuffle(shuffled, new Random(1));
		assertThat(Leaderboard.compute(battles, 200, 99).standings()).isEqualTo(first);
		assertThat(Leaderboard.compute(shuffled, 200, 99).standings()).isEqualTo(first);
		assertThat(Leaderboard.compute(battles, 200, 100).standings()).isNotEqualTo(first);
	}

	// (7) Degenerate data.

	@Test
	void noBattlesGiveAnEmptyLeaderboard() {
		Leaderboard leaderboard = Leaderboard.compute(List.of());
		assertThat(leaderboard.standings()).isEmpty();
		assertThat(leaderboard.winRates().contenders()).isEmpty();
		assertThat(leaderboard.battles()).isZero();
	}

	@Test
	void undefeatedAndWinlessContendersGetFiniteRatings() {
		List<Battle> battles = new ArrayList<>();
		add(battles, "champion", "middle", Outcome.A_WINS, 10);
		add(battles, "middle", "loser", Outcome.A_WINS, 10);
		add(battles, "champion", "loser", Outcome.A_WINS, 1);
		// A separate pair never compared with the others.
		add(battles, "island1", "island2", Outcome.A_WINS, 2);
		var standings = byName(Leaderboard.compute(battles));
		for (Standing standing : standings.values()) {
			assertThat(standing.rating()).as(standing.contender()).isFinite();
			assertThat(standing.lower()).isFinite().isLessThanOrEqualTo(standing.rating());
			assertThat(standing.upper()).isFinite().isGreaterThanOrEqualTo(standing.rating());
		}
		assertThat(standings.get("champion").rating()).isGreaterThan(standings.get("middle").rating());
		assertThat(standings.get("middle").rating()).isGreaterThan(standings.get("loser").rating());
	}

	@Test
	void aSingleBattleGivesFiniteRatings() {
		var standings = byName(Leaderboard.compute(List.of(new Battle("x", "y", Outcome.B_WINS))));
		assertThat(standings.get("y").rating()).isFinite().isGreaterThan(1000);
		assertThat(standings.get("x").rating()).isFinite().isLessThan(1000);
	}

	// Helpers.

	private static void add(List<Battle> battles, String a, String b, Outcome outcome, int times) {
		for (int n = 0; n < times; n++) {
			battles.add(new Battle(a, b, outcome));
		}
	}

	private static java.util.Map<String, Standing> byName(Leaderboard leaderboard) {
		return leaderboard.standings().stream().collect(Collectors.toMap(Standing::contender, Function.identity()));
	}

	/**
	 * Bradley-Terry MLE by Newton's method on the log-likelihood in log-strengths
	 * {@code L = sum_ij w_ij (t_i - log(e^t_i + e^t_j))}, with {@code t_fixed = 0} (the last index if -1), then
	 * normalised to a geometric mean of 1 when {@code fixed == -1}.
	 */
	private static double[] newtonStrengths(double[][] wins, int fixed) {
		int k = wins.length;
		int pinned = (fixed < 0) ? k - 1 : fixed;
		double[] t = new double[k];
		for (int iteration = 0; iteration < 100; iteration++) {
			double[] gradient = new double[k];
			double[][] hessian = new double[k][k];
			for (int i = 0; i < k; i++) {
				for (int j = 0; j < k; j++) {
					double games = wins[i][j] + wins[j][i];
					if (i == j || games == 0) {
						continue;
					}
					double pij = 1 / (1 + Math.exp(t[j] - t[i]));
					gradient[i] += wins[i][j] - games * pij;
					double curvature = games * pij * (1 - pij);
					hessian[i][i] -= curvature;
					hessian[i][j] += curvature;
				}
			}
			// Solve H step = -gradient over the free coordinates (Gaussian elimination, partial pivoting).
			int[] free = java.util.stream.IntStream.range(0, k).filter((i) -> i != pinned).toArray();
			int m = free.length;
			double[][] system = new double[m][m + 1];
			for (int r = 0; r < m; r++) {
				for (int c = 0; c < m; c++) {
					system[r][c] = hessian[free[r]][free[c]];
				}
				system[r][m] = -gradient[free[r]];
			}
			double[] step = solve(system);
			double size = 0;
			for (int r = 0; r < m; r++) {
				t[free[r]] += step[r];
				size = Math.max(size, Math.abs(step[r]));
			}
			if (size < 1e-14) {
				break;
			}
		}
		double[] p = new double[k];
		for (int i = 0; i < k; i++) {
			p[i] = Math.exp(t[i]);
		}
		if (fixed < 0) {
			double logMean = java.util.Arrays.stream(t).average().orElse(0);
			for (int i = 0; i < k; i++) {
				p[i] = Math.exp(t[i] - logMean);
			}
		}
		return p;
	}

	private static double[] solve(double[][] a) {
		int m = a.length;
		for (int col = 0; col < m; col++) {
			int pivot = col;
			for (int r = col + 1; r < m; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			for (int r = col + 1; r < m; r++) {
				double factor = a[r][col] / a[col][col];
				for (int c = col; c <= m; c++) {
					a[r][c] -= factor * a[col][c];
				}
			}
		}
		double[] x = new double[m];
		for (int r = m - 1; r >= 0; r--) {
			double sum = a[r][m];
			for (int c = r + 1; c < m; c++) {
				sum -= a[r][c] * x[c];
			}
			x[r] = sum / a[r][r];
		}
		return x;
	}
}
