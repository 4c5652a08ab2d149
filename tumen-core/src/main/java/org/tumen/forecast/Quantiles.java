package org.tumen.forecast;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Quantiles of a weighted sample (an ABC posterior's accepted rows carry kernel weights): the inverse of the
 * weighted empirical distribution, interpolated linearly between the midpoints of the sorted points' weight
 * (Hyndman and Fan's definition 5 with weights; equal weights give it exactly). Hipparchus's {@code Percentile}
 * has no weights.
 */
public final class Quantiles {
  private Quantiles() {}

  /** The q-quantile (0 to 1) of values with non-negative weights (null: equal weights). */
  public static double of(double[] values, double[] weights, double q) {
    int n = values.length;
    if (n == 0) return Double.NaN;
    double[] w = weights == null ? filled(n) : weights;
    Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> values[i])).toArray(Integer[]::new);
    double total = 0;
    for (double x : w) total += x;
    // The k-th sorted point sits at the middle of its share of the weight.
    double c = 0, prevPos = Double.NaN, prevVal = Double.NaN;
    for (Integer i : order) {
      if (w[i] <= 0) continue;
      double pos = (c + w[i] / 2) / total;
      c += w[i];
      if (q <= pos) {
        if (Double.isNaN(prevPos)) return values[i];
        return prevVal + (values[i] - prevVal) * (q - prevPos) / (pos - prevPos);
      }
      prevPos = pos;
      prevVal = values[i];
    }
    return prevVal;
  }

  /** The five quantiles a forecast is scored on. */
  public static QuantileForecast forecast(double[] values, double[] weights) {
    return new QuantileForecast(of(values, weights, .05), of(values, weights, .25), of(values, weights, .5), of(values, weights, .75),
        of(values, weights, .95));
  }

  /** The weighted share of values below x (ties count half): where x falls in the sample, 0 to 1. */
  public static double cdf(double[] values, double[] weights, double x) {
    double below = 0, total = 0;
    for (int i = 0; i < values.length; i++) {
      double w = weights == null ? 1 : weights[i];
      total += w;
      if (values[i] < x) below += w;
      else if (values[i] == x) below += w / 2;
    }
    return below / total;
  }

  /** The weighted mean and variance: {mean, variance}. */
  public static double[] moments(double[] values, double[] weights) {
    double sw = 0, m = 0;
    for (int i = 0; i < values.length; i++) {
      double w = weights == null ? 1 : weights[i];
      sw += w;
      m += w * values[i];
    }
    m /= sw;
    double v = 0;
    for (int i = 0; i < values.length; i++) v += (weights == null ? 1 : weights[i]) * (values[i] - m) * (values[i] - m);
    return new double[] {m, v / sw};
  }

  private static double[] filled(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1);
    return w;
  }
}
