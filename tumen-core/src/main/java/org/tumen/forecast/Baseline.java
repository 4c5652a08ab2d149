package org.tumen.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.stat.descriptive.StreamingStatistics;
import org.hipparchus.stat.regression.SimpleRegression;

/**
 * The naive forecasters a model must beat, each with intervals from its own residuals. All work on the
 * logarithm of the counts (arrivals grow and shrink by factors, and a log interval cannot go below zero), from
 * a yearly history that ends at the forecast origin, and give Student-t prediction intervals, because the
 * residuals are few (Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., 2021,
 * section 5.5, with t in place of normal quantiles):
 * <ul>
 *   <li>{@link #PERSISTENCE}: next years equal the last observed year; a random walk without drift, whose
 *       h-year error has standard deviation σ√h, σ² the mean square of the one-year log changes (n changes,
 *       n degrees of freedom: no mean is estimated);
 *   <li>{@link #TREND}: a straight line fitted by least squares to the log counts of the last five years,
 *       extrapolated, with the regression's prediction interval s√(1 + 1/n + (x - x̄)²/Sxx) on n - 2 degrees
 *       of freedom;
 *   <li>{@link #DRIFT}: a random walk on the log counts with drift, the drift the mean one-year change μ, the
 *       h-year error sd s√(h (1 + h/n)) (innovations plus the drift's estimation error), n - 1 degrees of freedom.
 * </ul>
 */
public enum Baseline {
  PERSISTENCE("persistence"), TREND("trend5"), DRIFT("drift");

  /** Years the trend is fitted to. */
  public static final int TREND_YEARS = 5;

  public final String label;

  Baseline(String label) {
    this.label = label;
  }

  /**
   * The forecast of the year {@code horizon} years after the last year of {@code history} (year to count, consecutive
   * years, all positive). Throws when the history is too short for the method's residuals.
   */
  public QuantileForecast forecast(NavigableMap<Integer, Double> history, int horizon) {
    if (horizon < 1) throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
    int last = history.lastKey();
    double[] logs = new double[history.size()];
    int k = 0;
    for (var e : history.entrySet()) {
      if (e.getKey() != history.firstKey() + k) throw new IllegalArgumentException("the history must have consecutive years: " + history);
      if (!(e.getValue() > 0)) throw new IllegalArgumentException("counts must be positive for a log forecast: " + e);
      logs[k++] = Math.log(e.getValue());
    }
    double centre, sd;
    int df;
    switch (this) {
      case PERSISTENCE -> {
        List<Double> d = changes(logs);
        double ss = 0;
        for (double x : d) ss += x * x;
        df = d.size();
        centre = logs[logs.length - 1];
        sd = Math.sqrt(ss / df) * Math.sqrt(horizon);
      }
      case DRIFT -> {
        List<Double> d = changes(logs);
        StreamingStatistics st = new StreamingStatistics();
        d.forEach(st::addValue);
        int n = d.size();
        df = n - 1;
        centre = logs[logs.length - 1] + horizon * st.getMean();
        sd = st.getStandardDeviation() * Math.sqrt(horizon * (1 + (double) horizon / n));
      }
      case TREND -> {
        SimpleRegression r = new SimpleRegression();
        int n = Math.min(TREND_YEARS, logs.length);
        double xbar = 0;
        for (int i = logs.length - n; i < logs.length; i++) {
          r.addData(history.firstKey() + i, logs[i]);
          xbar += (double) (history.firstKey() + i) / n;
        }
        df = n - 2;
        double x = last + horizon;
        centre = r.predict(x);
        sd = Math.sqrt(r.getMeanSquareError() * (1 + 1.0 / n + (x - xbar) * (x - xbar) / r.getXSumSquares()));
      }
      default -> throw new IllegalStateException();
    }
    if (df < 1) throw new IllegalArgumentException(label + " needs a longer history than " + history.size() + " years");
    TDistribution t = new TDistribution(df);
    double z50 = t.inverseCumulativeProbability(0.75), z90 = t.inverseCumulativeProbability(0.95);
    return new QuantileForecast(centre - z90 * sd, centre - z50 * sd, centre, centre + z50 * sd, centre + z90 * sd).map(Math::exp);
  }

  private static List<Double> changes(double[] logs) {
    List<Double> d = new ArrayList<>();
    for (int i = 1; i < logs.length; i++) d.add(logs[i] - logs[i - 1]);
    return d;
  }
}
