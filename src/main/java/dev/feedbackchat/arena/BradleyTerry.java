package dev.feedbackchat.arena;

import java.util.Arrays;

/**
 * Maximum-likelihood Bradley-Terry strengths from a pair-count matrix, by the MM algorithm of Hunter (2004,
 * "MM algorithms for generalized Bradley-Terry models"): each sweep sets
 * {@code p_i = W_i / sum_j n_ij / (p_i + p_j)}, which never decreases the likelihood and needs no step size.
 * The fit depends only on the counts, so callers aggregate battles first.
 *
 * <p>
 * Regularisation: with {@code priorTies > 0} every contender also played that many virtual ties against a
 * fixed reference of strength 1 (counted like real ties, half a win each side). This is a weak prior pulling
 * strengths towards each other: it keeps the fit finite for a contender that never lost or never won and
 * for contenders in disconnected groups, and anchors the scale. Its pull shrinks like 1/battles: with one virtual
 * tie, a contender with 1,000 battles moves by less than a rating point. With {@code priorTies == 0} it is the plain MLE, which exists only when
 * the comparison graph is strongly connected; the scale is then fixed by normalising after every sweep.
 */
final class BradleyTerry {

	/** Converged when no log-strength moves more than this in a sweep. */
	static final double TOLERANCE = 1e-11;

	/** Upper bound on sweeps; the result of the last sweep is returned if it is reached. */
	static final int MAX_ITERATIONS = 100_000;

	private BradleyTerry() {
	}

	/**
	 * @param wins {@code wins[i][j]}: wins of i over j, ties as half (so {@code wins[i][j] + wins[j][i]} is the
	 *     number of battles between i and j)
	 * @param priorTies virtual ties of each contender against a reference of strength 1
	 * @param start a starting point (for example the full-data fit when fitting a bootstrap resample), or null
	 * @return strengths normalised to a geometric mean of 1
	 */
	static double[] fit(double[][] wins, double priorTies, double[] start) {
		int k = wins.length;
		double[] p = new double[k];
		if (start != null) {
			System.arraycopy(start, 0, p, 0, k);
		}
		else {
			Arrays.fill(p, 1.0);
		}
		double[] totalWins = new double[k];
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) {
				totalWins[i] += wins[i][j];
			}
			totalWins[i] += priorTies / 2;
		}
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double maxChange = 0;
			// Gauss-Seidel: each update uses the strengths already updated in this sweep (converges faster
			// than updating all from the previous sweep, still an MM step per coordinate).
			for (int i = 0; i < k; i++) {
				if (totalWins[i] == 0) {
					// No win at all and no prior: the MLE is 0 (rating -infinity); keep it out of the others' sums.
					p[i] = 0;
					continue;
				}
				double denominator = priorTies / (p[i] + 1);
				double[] rowI = wins[i];
				for (int j = 0; j < k; j++) {
					double games = rowI[j] + wins[j][i];
					if (games > 0) {
						denominator += games / (p[i] + p[j]);
					}
				}
				double updated = totalWins[i] / denominator;
				maxChange = Math.max(maxChange, Math.abs(Math.log(updated / p[i])));
				p[i] = updated;
			}
			if (priorTies == 0) {
				normalise(p);
			}
			if (maxChange < TOLERANCE) {
				break;
			}
		}
		normalise(p);
		return p;
	}

	/** Scales to a geometric mean of 1 over the contenders with a positive strength. */
	static void normalise(double[] p) {
		double logSum = 0;
		int positive = 0;
		for (double strength : p) {
			if (strength > 0) {
				logSum += Math.log(strength);
				positive++;
			}
		}
		if (positive == 0) {
			return;
		}
		double scale = Math.exp(-logSum / positive);
		for (int i = 0; i < p.length; i++) {
			p[i] *= scale;
		}
	}
}
