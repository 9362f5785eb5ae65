package dev.feedbackchat.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.feedbackchat.arena.Battle;
import dev.feedbackchat.arena.Leaderboard;
import dev.feedbackchat.arena.Outcome;

/**
 * Times the arena leaderboard (docs/benchmarks.md, "Arena leaderboard"): {@code benchmark.battles} seeded
 * simulated battles among {@code benchmark.contenders} contenders, the fit alone (1 resample) and the fit with
 * {@code benchmark.resamples} bootstrap resamples; median of {@code benchmark.runs} runs after as many warm-up
 * runs. Run by {@code ./mvnw -q -Pbenchmark process-test-classes} (with the export benchmark) or alone by
 * {@code ./mvnw -q -Pbenchmark test-compile exec:exec@leaderboard-benchmark}.
 */
public final class LeaderboardBenchmark {

	private LeaderboardBenchmark() {
	}

	public static void main(String[] args) {
		int battleCount = Integer.getInteger("benchmark.battles", 100_000);
		int contenders = Integer.getInteger("benchmark.contenders", 10);
		int resamples = Integer.getInteger("benchmark.resamples", 200);
		int runs = Integer.getInteger("benchmark.runs", 5);
		List<Battle> battles = simulate(battleCount, contenders, 42);

		double[] fit = new double[runs];
		double[] full = new double[runs];
		for (int warmUp = 0; warmUp < runs; warmUp++) {
			Leaderboard.compute(battles, 1, 1);
			Leaderboard.compute(battles, resamples, 1);
		}
		Leaderboard last = null;
		for (int run = 0; run < runs; run++) {
			long start = System.nanoTime();
			Leaderboard.compute(battles, 1, 1);
			fit[run] = (System.nanoTime() - start) / 1e6;
			start = System.nanoTime();
			last = Leaderboard.compute(battles, resamples, 1);
			full[run] = (System.nanoTime() - start) / 1e6;
		}
		System.out.printf("Arena leaderboard: %,d battles, %d contenders, %d resamples, median of %d runs after %d"
				+ " warm-up runs, %d cores%n", battleCount, contenders, resamples, runs, runs,
				Runtime.getRuntime().availableProcessors());
		System.out.printf("  aggregate + fit (1 resample): %.1f ms%n", median(fit));
		System.out.printf("  aggregate + fit + %d bootstrap resamples: %.1f ms (bootstrap %.2f ms a resample)%n",
				resamples, median(full), (median(full) - median(fit)) / (resamples - 1));
		last.standings()
			.forEach((s) -> System.out.printf("  %d %-4s %7.1f [%7.1f, %7.1f] %,d battles%n", s.rank(), s.contender(),
					s.rating(), s.lower(), s.upper(), s.battles()));
	}

	/** Seeded battles among contenders 100 Elo apart, a tenth of them ties or "both are bad". */
	static List<Battle> simulate(int count, int contenders, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Battle> battles = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			int a = random.nextInt(contenders);
			int b = (a + 1 + random.nextInt(contenders - 1)) % contenders;
			double aWins = 1 / (1 + Math.pow(10, (a - b) * 100 / 400.0));
			double draw = random.nextDouble();
			Outcome outcome = (draw < 0.05) ? Outcome.TIE : (draw < 0.1) ? Outcome.BOTH_BAD
					: (random.nextDouble() < aWins) ? Outcome.A_WINS : Outcome.B_WINS;
			battles.add(new Battle("m" + a, "m" + b, outcome));
		}
		return battles;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return (sorted.length % 2 == 1) ? sorted[sorted.length / 2]
				: (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
	}
}
