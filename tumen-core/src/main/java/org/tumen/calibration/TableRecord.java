package org.tumen.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tumen.engine.RandomStream;
import org.tumen.report.Observed;

/**
 * The record as a vector of features, and the same features of each reference-table row: what
 * {@link RegressionAbc} compares. Only outcomes dated up to {@code through} are used, so a backtest at origin T
 * sees what was known at T.
 * <ul>
 *   <li>log(1 + arrivals in South Korea), each year from {@link Distance#ARRIVALS_FROM};
 *   <li>the female share of arrivals, each year from {@link Distance#FEMALE_FROM} where the record has it;
 *   <li>log(people hiding in China) at the end of each year with an estimate. An estimate is a range, read as
 *       a log-normal measurement of the stock whose 90% interval is the range: the observed feature is the log
 *       of the range's geometric midpoint, and each row's simulated stock gets the same measurement error, a
 *       normal draw on the log scale with sd log(high/low) / (2 · 1.645), keyed by (table seed, row, year). ABC
 *       then targets the posterior under that measurement model exactly (Wilkinson 2013, Stat. Appl. Genet.
 *       Mol. Biol. 12:129), and a simulated record used as a synthetic observation carries its own error.
 * </ul>
 */
public final class TableRecord {
  private static final long STREAM_HIDDEN_ERROR = 402;
  private static final double Z90 = 1.6448536269514722;

  private final List<String> names = new ArrayList<>();
  private final List<Integer> years = new ArrayList<>();
  private final List<Integer> kinds = new ArrayList<>(); // 0 arrivals, 1 female share, 2 hidden
  private final List<Double> observed = new ArrayList<>(), errorSd = new ArrayList<>();
  private final int through;

  public TableRecord(Observed record, int through) {
    this.through = through;
    for (Map.Entry<Integer, double[]> e : record.arrivals().entrySet()) {
      int y = e.getKey();
      if (y < Distance.ARRIVALS_FROM || y > Distance.TO || y > through) continue;
      add("log_arrivals@" + y, y, 0, Math.log1p(e.getValue()[0]), 0);
    }
    for (Map.Entry<Integer, double[]> e : record.arrivals().entrySet()) {
      int y = e.getKey();
      double[] o = e.getValue();
      if (y < Distance.FEMALE_FROM || y > Distance.TO || y > through || Double.isNaN(o[2]) || !(o[0] > 0)) continue;
      add("female_share@" + y, y, 1, o[2] / o[0], 0);
    }
    for (Map.Entry<Integer, double[]> e : record.hidden().entrySet()) {
      int y = e.getKey();
      if (y > through) continue;
      double lo = e.getValue()[0], hi = e.getValue()[1];
      add("log_hidden@" + y, y, 2, 0.5 * (Math.log(lo) + Math.log(hi)), Math.log(hi / lo) / (2 * Z90));
    }
  }

  private void add(String name, int year, int kind, double value, double sd) {
    names.add(name);
    years.add(year);
    kinds.add(kind);
    observed.add(value);
    errorSd.add(sd);
  }

  public int through() {
    return through;
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public double[] observed() {
    return observed.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Row i's features (NaN for a row cut short). */
  public double[] of(ReferenceTable t, int row) {
    double[] f = new double[names.size()];
    RandomStream rng = new RandomStream();
    for (int k = 0; k < f.length; k++) {
      int y = years.get(k);
      if (t.cut(row) || y > t.lastYear()) {
        f[k] = Double.NaN;
        continue;
      }
      double arrived = t.value("arrived_south_korea", row, y);
      f[k] = switch (kinds.get(k)) {
        case 0 -> Math.log1p(arrived);
        case 1 -> arrived > 0 ? t.value("arrived_south_korea_female", row, y) / arrived : 0;
        default -> Math.log(Math.max(1, t.value("hiding_in_china", row, y)))
            + errorSd.get(k) * rng.reset(t.seed(), STREAM_HIDDEN_ERROR, row, y).normal();
      };
    }
    return f;
  }

  /** Every row's features. */
  public double[][] matrix(ReferenceTable t) {
    double[][] m = new double[t.size()][];
    for (int i = 0; i < m.length; i++) m[i] = of(t, i);
    return m;
  }

  /** The prior box in internal coordinates: {lower, upper}. */
  static double[][] box(ParameterSpace space) {
    double[] lo = new double[space.dimension()], hi = new double[space.dimension()];
    for (int j = 0; j < lo.length; j++) {
      lo[j] = space.lower(j);
      hi[j] = space.upper(j);
    }
    return new double[][] {lo, hi};
  }

  /** The analysis of this record on a table. */
  public RegressionAbc abc(ReferenceTable t, RegressionAbc.Settings settings) {
    double[][] box = box(t.space());
    double[][] theta = new double[t.size()][];
    for (int i = 0; i < theta.length; i++) theta[i] = t.theta(i);
    return new RegressionAbc(theta, box[0], box[1], matrix(t), settings);
  }
}
