package org.tumen.calibration;

import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.tumen.engine.RandomStream;

/**
 * The perturbation kernel: a multivariate normal with twice the weighted covariance of the particles kept
 * (Beaumont, Cornuet, Marin and Robert 2009, Biometrika 96:983), in internal coordinates.
 */
final class Kernel {
  private final RealMatrix lower; // Cholesky factor L of the covariance, L L' = 2 cov
  private final double logNorm; // -k/2 log(2 pi) - log det L

  private Kernel(RealMatrix lower) {
    this.lower = lower;
    int k = lower.getRowDimension();
    double logDet = 0;
    for (int j = 0; j < k; j++) logDet += Math.log(lower.getEntry(j, j));
    this.logNorm = -0.5 * k * Math.log(2 * Math.PI) - logDet;
  }

  /**
   * Twice the weighted covariance of {@code theta}, plus a small ridge (1e-6 of each prior range squared) so
   * that the matrix stays positive definite when fewer particles than parameters vary.
   */
  static Kernel of(double[][] theta, double[] weights, ParameterSpace space) {
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
        cov[a][b] *= 2;
        cov[b][a] = cov[a][b];
      }
      double range = space.upper(a) - space.lower(a);
      cov[a][a] += 1e-6 * range * range;
    }
    return new Kernel(new CholeskyDecomposition(MatrixUtils.createRealMatrix(cov), 1e-9, 0).getL());
  }

  /**
   * Perturbs {@code from}, redrawing until the result lies inside the prior's box (a proposal outside has
   * prior density zero and would be rejected anyway). After 1000 failures the draw is clamped to the box.
   */
  double[] perturb(double[] from, RandomStream rng, ParameterSpace space) {
    int k = from.length;
    double[] x = new double[k];
    for (int attempt = 0; attempt < 1000; attempt++) {
      double[] z = new double[k];
      for (int j = 0; j < k; j++) z[j] = rng.normal();
      double[] step = lower.operate(z);
      for (int j = 0; j < k; j++) x[j] = from[j] + step[j];
      if (space.inside(x)) return x;
    }
    for (int j = 0; j < k; j++) x[j] = Math.min(space.upper(j), Math.max(space.lower(j), x[j]));
    return x;
  }

  /** log density of the step {@code x - from}. */
  double logDensity(double[] x, double[] from) {
    double[] d = new double[x.length];
    for (int j = 0; j < d.length; j++) d[j] = x[j] - from[j];
    RealVector v = MatrixUtils.createRealVector(d);
    MatrixUtils.solveLowerTriangularSystem(lower, v); // v := L^-1 d
    return logNorm - 0.5 * v.dotProduct(v);
  }
}
