package org.tumen.forecast;

/**
 * A forecast of one number given by five quantiles: the median and the bounds of the central 50% and 90%
 * intervals. Scored by the weighted interval score (Bracher, Ray, Gneiting and Reich 2021, "Evaluating
 * epidemic forecasts in an interval format", PLoS Comput. Biol. 17:e1008618), which for these quantiles is
 *
 * <pre>WIS = (|y - m| / 2 + 0.5 / 2 · IS_0.5 + 0.1 / 2 · IS_0.1) / (2 + 1/2)</pre>
 *
 * with IS_α the interval score of the central (1 - α) interval [l, u]: (u - l) + (2/α)(l - y) when y &lt; l,
 * + (2/α)(y - u) when y &gt; u. It is a proper score, in the units of y, and a forecaster that puts all its
 * quantiles on the truth scores 0; it equals the mean of the five quantiles' pinball losses times 2.
 */
public record QuantileForecast(double p05, double p25, double p50, double p75, double p95) {
  public QuantileForecast {
    if (!(p05 <= p25 && p25 <= p50 && p50 <= p75 && p75 <= p95)) {
      throw new IllegalArgumentException("quantiles must not decrease: " + p05 + ", " + p25 + ", " + p50 + ", " + p75 + ", " + p95);
    }
  }

  /** The interval score of the central (1 - alpha) interval [lower, upper] at observation y. */
  public static double intervalScore(double lower, double upper, double alpha, double y) {
    double s = upper - lower;
    if (y < lower) s += 2 / alpha * (lower - y);
    if (y > upper) s += 2 / alpha * (y - upper);
    return s;
  }

  /** The weighted interval score at observation y. */
  public double wis(double y) {
    double sum = 0.5 * Math.abs(y - p50) + 0.5 / 2 * intervalScore(p25, p75, 0.5, y) + 0.1 / 2 * intervalScore(p05, p95, 0.1, y);
    return sum / 2.5;
  }

  public boolean in50(double y) {
    return y >= p25 && y <= p75;
  }

  public boolean in90(double y) {
    return y >= p05 && y <= p95;
  }

  /** The same forecast with every quantile mapped by an increasing function (e.g. from log counts to counts). */
  public QuantileForecast map(java.util.function.DoubleUnaryOperator f) {
    return new QuantileForecast(f.applyAsDouble(p05), f.applyAsDouble(p25), f.applyAsDouble(p50), f.applyAsDouble(p75),
        f.applyAsDouble(p95));
  }
}
