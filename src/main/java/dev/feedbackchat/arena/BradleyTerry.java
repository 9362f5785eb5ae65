package dev.feedbackchat.arena;

import java.util.Arrays;

/**
 * Maximum-likelihood Bradley-Terry strengths from a pair-count matrix, by Newton's method on the
 * log-likelihood in log-strengths {@code t_i = ln p_i}: {@code L = sum_ij w_ij ln σ(t_i - t_j)}. The fit depends
 * only on the counts, so callers aggregate battles first. Newton rather than the MM algorithm of Hunter (2004):
 * MM converges linearly and slowly when strengths are far apart (seconds for 20,000 battles at 1e-11), Newton
 * quadratically in a handful of k×k solves; a backtracking line search on {@code L} keeps every step uphill.
 *
 * <p>
 * Regularisation: with {@code priorTies > 0} every contender also played that many virtual ties against a
 * fixed reference of strength 1 (counted like real ties, half a win each side). This weak prior keeps the fit
 * finite for a contender that never lost or never won and for contenders in disconnected groups, makes the
 * likelihood strictly concave (so Newton is well defined) and anchors the scale. Its pull shrinks like
 * 1/battles: with one virtual tie a contender with 1,000 battles moves by less than a rating point. With
 * {@code priorTies == 0} it is the plain MLE, which is finite only for a strongly connected comparison graph; the
 * scale is then fixed by pinning one contender, and a contender without any win gets strength 0.
 */
final class BradleyTerry {

	/** Converged when no log-strength moves more than this in a Newton step. */
	static final double TOLERANCE = 1e-10;

	/** Upper bound on Newton steps; the last iterate is returned if it is reached. */
	static final int MAX_ITERATIONS = 100;

	/** Upper bound on step halvings in the line search. */
	private static final int MAX_HALVINGS = 40;

	private BradleyTerry() {
	}

	/**
	 * @param wins {@code wins[i][j]}: wins of i over j, ties as half (so {@code wins[i][j] + wins[j][i]} is the
	 *     number of battles between i and j)
	 * @param priorTies virtual ties of each contender against a reference of strength 1
	 * @param start a starting point (for example the full-data fit when fitting a bootstrap resample), or null
	 * @return strengths normalised to a geometric mean of 1 (over the contenders with a positive strength)
	 */
	static double[] fit(double[][] wins, double priorTies, double[] start) {
		int k = wins.length;
		double[] totalWins = new double[k];
		boolean[] played = new boolean[k];
		for (int i = 0; i < k; i++) {
			for (int j = 0; j < k; j++) {
				totalWins[i] += wins[i][j];
				played[i] |= wins[i][j] + wins[j][i] > 0;
			}
			totalWins[i] += priorTies / 2;
		}
		// Free coordinates: without a prior, a contender without wins goes to strength 0 (left out), one without
		// battles is undetermined (left at 1), and one contender is pinned to fix the scale.
		int[] free = new int[k];
		int m = 0;
		boolean pinned = priorTies > 0;
		double[] t = new double[k];
		boolean[] zero = new boolean[k];
		for (int i = 0; i < k; i++) {
			t[i] = (start != null && start[i] > 0) ? Math.log(start[i]) : 0;
			if (priorTies == 0 && (totalWins[i] == 0 || !played[i])) {
				zero[i] = totalWins[i] == 0 && played[i];
				t[i] = 0;
				continue;
			}
			if (!pinned) {
				pinned = true;
				continue;
			}
			free[m++] = i;
		}
		double[] gradient = new double[k];
		double[][] system = new double[m][m + 1];
		double[] candidate = new double[k];
		double current = logLikelihood(wins, priorTies, t, zero);
		for (int iteration = 0; iteration < MAX_ITERATIONS && m > 0; iteration++) {
			// Gradient and negated Hessian over the free coordinates.
			Arrays.fill(gradient, 0);
			for (double[] row : system) {
				Arrays.fill(row, 0);
			}
			int[] position = new int[k];
			Arrays.fill(position, -1);
			for (int r = 0; r < m; r++) {
				position[free[r]] = r;
			}
			for (int i = 0; i < k; i++) {
				if (zero[i]) {
					continue;
				}
				if (priorTies > 0) {
					double s = sigmoid(t[i]);
					gradient[i] += priorTies * (0.5 - s);
					if (position[i] >= 0) {
						system[position[i]][position[i]] += priorTies * s * (1 - s);
					}
				}
				for (int j = i + 1; j < k; j++) {
					double games = wins[i][j] + wins[j][i];
					if (games == 0 || zero[j]) {
						continue;
					}
					double s = sigmoid(t[i] - t[j]);
					gradient[i] += wins[i][j] - games * s;
					gradient[j] -= wins[i][j] - games * s;
					double curvature = games * s * (1 - s);
					int pi = position[i];
					int pj = position[j];
					if (pi >= 0) {
						system[pi][pi] += curvature;
					}
					if (pj >= 0) {
						system[pj][pj] += curvature;
					}
					if (pi >= 0 && pj >= 0) {
						system[pi][pj] -= curvature;
						system[pj][pi] -= curvature;
					}
				}
			}
			for (int r = 0; r < m; r++) {
				system[r][m] = gradient[free[r]];
			}
			double[] step = solve(system);
			if (step == null) {
				break;
			}
			double scale = 1;
			double next = Double.NEGATIVE_INFINITY;
			for (int halving = 0; halving <= MAX_HALVINGS; halving++, scale /= 2) {
				System.arraycopy(t, 0, candidate, 0, k);
				for (int r = 0; r < m; r++) {
					candidate[free[r]] += scale * step[r];
				}
				next = logLikelihood(wins, priorTies, candidate, zero);
				if (next >= current - 1e-12 * Math.abs(current)) {
					break;
				}
			}
			double size = 0;
			for (int r = 0; r < m; r++) {
				size = Math.max(size, Math.abs(candidate[free[r]] - t[free[r]]));
			}
			System.arraycopy(candidate, 0, t, 0, k);
			current = next;
			if (size < TOLERANCE) {
				break;
			}
		}
		double[] p = new double[k];
		for (int i = 0; i < k; i++) {
			p[i] = zero[i] ? 0 : Math.exp(t[i]);
		}
		normalise(p);
		return p;
	}

	private static double logLikelihood(double[][] wins, double priorTies, double[] t, boolean[] zero) {
		int k = t.length;
		double sum = 0;
		for (int i = 0; i < k; i++) {
			if (zero[i]) {
				continue;
			}
			if (priorTies > 0) {
				sum += priorTies / 2 * (logSigmoid(t[i]) + logSigmoid(-t[i]));
			}
			for (int j = i + 1; j < k; j++) {
				if (zero[j]) {
					continue;
				}
				double d = t[i] - t[j];
				if (wins[i][j] > 0) {
					sum += wins[i][j] * logSigmoid(d);
				}
				if (wins[j][i] > 0) {
					sum += wins[j][i] * logSigmoid(-d);
				}
			}
		}
		return sum;
	}

	private static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

	private static double logSigmoid(double x) {
		return (x >= 0) ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
	}

	/** Gaussian elimination with partial pivoting of an augmented m×(m+1) system; null if singular. */
	private static double[] solve(double[][] a) {
		int m = a.length;
		for (int col = 0; col < m; col++) {
			int pivot = col;
			for (int r = col + 1; r < m; r++) {
				if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
					pivot = r;
				}
			}
			if (Math.abs(a[pivot][col]) < 1e-300) {
				return null;
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			for (int r = col + 1; r < m; r++) {
				double factor = a[r][col] / a[col][col];
				if (factor != 0) {
					for (int c = col; c <= m; c++) {
						a[r][c] -= factor * a[col][c];
					}
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
