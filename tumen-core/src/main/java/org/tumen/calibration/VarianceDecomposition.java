package org.tumen.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.stat.correlation.Covariance;
import org.hipparchus.stat.descriptive.moment.Variance;
import org.tumen.batch.RunSummary;

/**
 * Per year, the variance of a series across the posterior predictive and the shares due to calibrated
 * parameters, prior-only parameters and chance, from the three runs per draw of
 * {@link UncertainDraws#decompositionTasks} (the estimator is described there).
 */
public record VarianceDecomposition(String series, List<Row> rows) {
  /** One year: the variance and the three shares (adding up to 1). */
  public record Row(int year, double variance, double calibrated, double priorOnly, double chance) {}

  /** The shares from paired values of one quantity: a[d], b[d], c[d] are draw d's runs A, B and C. */
  public static Row of(int year, double[] a, double[] b, double[] c) {
    double[] all = new double[a.length * 3];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, a.length);
    System.arraycopy(c, 0, all, 2 * a.length, a.length);
    double v = new Variance().evaluate(all);
    if (!(v > 0)) return new Row(year, 0, Double.NaN, Double.NaN, Double.NaN);
    Covariance cov = new Covariance();
    double ab = cov.covariance(a, b), ac = cov.covariance(a, c);
    return new Row(year, v, ac / v, (ab - ac) / v, 1 - ab / v);
  }

  /** From the runs of a decomposition batch (3n runs in task order), for years from..to. */
  public static VarianceDecomposition of(String series, List<RunSummary> runs, int from, int to) {
    int n = runs.size() / 3;
    List<Row> rows = new ArrayList<>();
    for (int y = from; y <= to; y++) {
      double[] a = new double[n], b = new double[n], c = new double[n];
      for (int d = 0; d < n; d++) {
        a[d] = runs.get(d).value(series, y);
        b[d] = runs.get(n + d).value(series, y);
        c[d] = runs.get(2 * n + d).value(series, y);
      }
      rows.add(of(y, a, b, c));
    }
    return new VarianceDecomposition(series, rows);
  }

  public String text() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Variance of %s across draws, and its shares%n%-6s %12s %11s %11s %8s%n", series,
        "year", "sd", "calibrated", "prior-only", "chance"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%-6d %,12.0f %10.0f%% %10.0f%% %7.0f%%%n", r.year(), Math.sqrt(r.variance()), 100 * r.calibrated(),
          100 * r.priorOnly(), 100 * r.chance()));
    }
    return s.toString();
  }

  /** Rows of variance_decomposition.csv (header {@code year,series,variance,calibrated,prior_only,chance}). */
  public String csvRows() {
    StringBuilder s = new StringBuilder();
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, "%d,%s,%.6g,%.4f,%.4f,%.4f%n", r.year(), series, r.variance(), r.calibrated(), r.priorOnly(), r.chance()));
    }
    return s.toString();
  }
}
