package org.tumen.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Quantile bands of an ensemble: for every series and year, the 5th, 25th, 50th, 75th and 95th percentiles
 * across the runs. Quantiles interpolate linearly between order statistics (R's type 7), the definition
 * DuckDB's {@code quantile_cont} uses, so the bands printed here equal the ones the results store keeps.
 */
public final class Bands {
  private Bands() {}

  /** One series in one year across the runs. */
  public record Band(String series, int year, int runs, double p05, double p25, double p50, double p75, double p95) {}

  /** The quantile {@code p} (0 to 1) of the values, type 7; NaN for no values. */
  public static double quantile(double[] values, double p) {
    if (values.length == 0) return Double.NaN;
    return percentile().evaluate(values, p * 100);
  }

  private static Percentile percentile() {
    return new Percentile().withEstimationType(EstimationType.R_7);
  }

  /** Bands of every series the runs share, ordered by series then year. Runs may start in different years. */
  public static List<Band> of(List<RunSummary> runs) {
    List<Band> out = new ArrayList<>();
    if (runs.isEmpty()) return out;
    TreeSet<String> names = new TreeSet<>(runs.get(0).yearly().keySet());
    for (RunSummary r : runs) names.retainAll(r.yearly().keySet());
    int first = runs.stream().mapToInt(RunSummary::firstYear).min().getAsInt();
    int last = runs.stream().mapToInt(r -> r.firstYear() + r.yearly().values().iterator().next().length - 1)
        .max().getAsInt();
    for (String name : names) {
      for (int year = first; year <= last; year++) {
        double[] v = valuesIn(runs, name, year);
        if (v.length == 0) continue;
        out.add(band(name, year, v));
      }
    }
    return out;
  }

  /** The band of one set of values (one series, one year). */
  public static Band band(String series, int year, double[] values) {
    Percentile p = percentile();
    p.setData(values); // sorts once for the five quantiles
    return new Band(series, year, values.length, p.evaluate(5), p.evaluate(25), p.evaluate(50), p.evaluate(75),
        p.evaluate(95));
  }

  /** The values of one series in one year, from the runs that cover that year. */
  public static double[] valuesIn(List<RunSummary> runs, String series, int year) {
    double[] v = new double[runs.size()];
    int n = 0;
    for (RunSummary r : runs) {
      double[] s = r.series(series);
      int i = year - r.firstYear();
      if (i >= 0 && i < s.length) v[n++] = s[i];
    }
    return java.util.Arrays.copyOf(v, n);
  }
}
