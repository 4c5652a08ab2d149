package org.tumen.calibration;

/** Importance-weight arithmetic on log weights (weights in 60+ dimensions under- and overflow as plain numbers). */
public final class Weights {
  private Weights() {}

  /** log(sum(exp(x))), stable. */
  public static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) max = Math.max(max, v);
    if (max == Double.NEGATIVE_INFINITY) return max;
    double s = 0;
    for (double v : x) s += Math.exp(v - max);
    return max + Math.log(s);
  }

  /** Weights summing to 1 from log weights. */
  public static double[] normalise(double[] logWeights) {
    double lse = logSumExp(logWeights);
    double[] w = new double[logWeights.length];
    for (int i = 0; i < w.length; i++) w[i] = Math.exp(logWeights[i] - lse);
    return w;
  }

  /** Kish's effective sample size, (sum w)^2 / sum w^2: N for equal weights, 1 when one weight holds all. */
  public static double ess(double[] weights) {
    double s = 0, s2 = 0;
    for (double w : weights) {
      s += w;
      s2 += w * w;
    }
    return s2 == 0 ? 0 : s * s / s2;
  }

  /** Index drawn with probability proportional to {@code weights} (normalised), given u uniform on [0, 1). */
  public static int draw(double[] weights, double u) {
    double c = 0;
    for (int i = 0; i < weights.length; i++) {
      c += weights[i];
      if (u < c) return i;
    }
    return weights.length - 1; // rounding: u just below 1
  }
}
