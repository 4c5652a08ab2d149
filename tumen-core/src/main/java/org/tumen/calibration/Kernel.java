package org.tumen.calibration;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.tumen.engine.RandomStream;

/**
 * The MCMC proposal: a multivariate normal random walk, in internal coordinates, whose covariance is a
 * multiple of the weighted covariance of a set of particles (the kept ones, in {@link AbcSmc}).
 */
final class Kernel {
  private final RealMatrix lower; // Cholesky factor L, L L' = scale x cov

  private Kernel(RealMatrix lower) {
    this.lower = lower;
  }

  /**
   * {@code scale} times the weighted covariance of {@code theta}, plus a small ridge (1e-6 of each prior
   * range squared) so that the matrix stays positive definite when fewer particles than parameters vary.
   */
  static Kernel of(double[][] theta, double[] weights, ParameterSpace space, double scale) {
    int k = space.dimension(), n = theta.length;
    double[] mean = new double[k];
    double[] column = new double[n];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) column[i] = theta[i][j];
      mean[j] = new Mean().evaluate(column, weights);
    }
    double[][] cov = new double[k][k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        double da = theta[i][a] - mean[a];
        for (int b = 0; b <= a; b++) cov[a][b] += weights[i] * da * (theta[i][b] - mean[b]);
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        cov[a][b] *= scale;
        cov[b][a] = cov[a][b];
      }
      double range = space.upper(a) - space.lower(a);
      cov[a][a] += 1e-6 * range * range;
    }
    return new Kernel(new CholeskyDecomposition(MatrixUtils.createRealMatrix(cov), 1e-9, 0).getL());
  }

  /**
   * One random-walk step from {@code from}, reflected back into the prior's box at its walls. Reflection keeps
   * the proposal symmetric (the density of x to y equals that of y to x), so the Metropolis-Hastings ratio is
   * still the prior ratio, while a step that would leave the box in one of many dimensions is not wasted.
   */
  double[] step(double[] from, RandomStream rng, ParameterSpace space) {
    int k = from.length;
    double[] z = new double[k];
    for (int j = 0; j < k; j++) z[j] = rng.normal();
    double[] x = lower.operate(z);
    for (int j = 0; j < k; j++) x[j] = reflect(from[j] + x[j], space.lower(j), space.upper(j));
    return x;
  }

  /** Folds v into [lo, hi] as a ball bouncing between two walls. */
  static double reflect(double v, double lo, double hi) {
    double w = hi - lo;
    if (!(w > 0)) return lo;
    double t = (v - lo) % (2 * w);
    if (t < 0) t += 2 * w;
    return lo + (t <= w ? t : 2 * w - t);
  }
}
