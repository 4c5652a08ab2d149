package org.tumen.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tumen.calibration.Distance;
import org.tumen.calibration.ReferenceTable;
import org.tumen.calibration.RegressionAbc;
import org.tumen.calibration.TableRecord;
import org.tumen.engine.RandomStream;
import org.tumen.report.Observed;

/**
 * Backtests as re-analyses of one reference table. At origin T the record is cut to outcomes dated up to T
 * (arrivals, female shares, hidden-population estimates), the table is analysed with it ({@link RegressionAbc}),
 * and the accepted rows' own simulated arrivals in T+1..{@code last}, regression-adjusted like the parameters,
 * are the model's forecast: the posterior predictive given what was known at T, without a new simulation.
 *
 * <p><b>Discrepancy, out of sample.</b> The model's spread (parameters and chance) leaves out that it is wrong
 * in ways no parameter fixes. Its forecast of recorded arrivals adds a log-normal discrepancy term
 * (Kennedy and O'Hagan 2001), whose variance is estimated only from forecast errors already observable at the
 * origin (leave-future-out): from the analyses at every earlier origin T' ({@link #FIRST_ORIGIN} on), the errors
 * of years y with T' &lt; y &lt;= T, each error e = log(1 + observed) - the predictive mean, less the predictive
 * variance v of that year; σ² = max(0, mean(e² - v)), the moment estimator of the variance the model's own
 * spread does not explain. So no year's discrepancy is estimated from that year. The term is the same at every
 * horizon (an assumption: too few errors to fit its growth). {@code tumen} is the forecast with it,
 * {@code tumen_model} without.
 */
public final class TableBacktest {
  public static final List<Integer> ORIGINS = List.of(2003, 2005, 2007, 2009);
  /** The first origin analysed for discrepancy errors: four years of single-year arrivals (1996-1999). */
  public static final int FIRST_ORIGIN = 1999;
  public static final String MODEL = "tumen", MODEL_ONLY = "tumen_model";
  private static final long STREAM_DISCREPANCY = 404;

  /** The discrepancy in force at an origin: estimated from {@code errors} errors, sd {@code sigma} on the log scale. */
  public record Discrepancy(int asOf, int errors, double sigma) {}

  public record Result(Backtest backtest, List<Discrepancy> discrepancies) {
    /** discrepancy.csv. */
    public String discrepancyCsv() {
      StringBuilder s = new StringBuilder("as_of,errors,sigma\n");
      for (Discrepancy d : discrepancies) s.append(String.format(Locale.ROOT, "%d,%d,%.5f%n", d.asOf(), d.errors(), d.sigma()));
      return s.toString();
    }
  }

  private record Predictive(double[] values, double[] weights, double mean, double variance) {}

  private TableBacktest() {}

  /**
   * @param origins the scored origins
   * @param last the last year forecast and scored (the last year of outcome data)
   */
  public static Result run(ReferenceTable t, Observed record, List<Integer> origins, int last, RegressionAbc.Settings settings,
      java.util.function.IntConsumer progress) {
    NavigableMap<Integer, Double> arrivals = new TreeMap<>();
    for (Map.Entry<Integer, double[]> e : record.arrivals().entrySet()) {
      if (e.getKey() >= Distance.ARRIVALS_FROM && e.getKey() <= last) arrivals.put(e.getKey(), e.getValue()[0]);
    }
    TreeSet<Integer> analysed = new TreeSet<>(origins);
    for (int o = FIRST_ORIGIN; o < last; o++) analysed.add(o);
    Map<Integer, Map<Integer, Predictive>> byOrigin = new TreeMap<>();
    int done = 0;
    for (int origin : analysed) {
      byOrigin.put(origin, predict(t, record, origin, last, settings));
      if (progress != null) progress.accept(++done);
    }
    List<Backtest.Row> rows = new ArrayList<>();
    List<Discrepancy> discrepancies = new ArrayList<>();
    for (int origin : origins) {
      Discrepancy d = discrepancy(byOrigin, arrivals, origin);
      discrepancies.add(d);
      for (var e : byOrigin.get(origin).entrySet()) {
        int year = e.getKey();
        if (!arrivals.containsKey(year)) continue;
        Predictive p = e.getValue();
        rows.add(new Backtest.Row(origin, year, MODEL_ONLY, arrivals.get(year), counts(Quantiles.forecast(p.values(), p.weights()))));
        double[] v = p.values().clone();
        RandomStream rng = new RandomStream();
        for (int i = 0; i < v.length; i++) v[i] += d.sigma() * rng.reset(t.seed(), STREAM_DISCREPANCY, origin * 10_000L + year, i).normal();
        rows.add(new Backtest.Row(origin, year, MODEL, arrivals.get(year), counts(Quantiles.forecast(v, p.weights()))));
      }
    }
    discrepancies.add(discrepancy(byOrigin, arrivals, last));
    rows.addAll(Backtest.baselines(arrivals, origins, last));
    return new Result(new Backtest(rows), discrepancies);
  }

  private static QuantileForecast counts(QuantileForecast logs) {
    return logs.map(v -> Math.max(0, Math.expm1(v)));
  }

  /** The accepted rows' adjusted log(1 + arrivals) in each year after the origin. */
  private static Map<Integer, Predictive> predict(ReferenceTable t, Observed record, int origin, int last, RegressionAbc.Settings settings) {
    TableRecord r = new TableRecord(record, origin);
    int years = last - origin;
    Map<Integer, Predictive> out = new TreeMap<>();
    if (years < 1) return out;
    double[][] extra = new double[t.size()][years];
    for (int i = 0; i < t.size(); i++) {
      for (int h = 0; h < years; h++) extra[i][h] = t.cut(i) ? Double.NaN : Math.log1p(t.value("arrived_south_korea", i, origin + 1 + h));
    }
    RegressionAbc.Result post = r.abc(t, settings).analyse(r.observed(), -1, extra);
    for (int h = 0; h < years; h++) {
      double[] v = post.quantity(h);
      double[] mv = Quantiles.moments(v, post.weights());
      out.put(origin + 1 + h, new Predictive(v, post.weights(), mv[0], mv[1]));
    }
    return out;
  }

  /** The discrepancy at {@code asOf}, from the errors of origins before it in years up to it. */
  private static Discrepancy discrepancy(Map<Integer, Map<Integer, Predictive>> byOrigin, NavigableMap<Integer, Double> arrivals, int asOf) {
    double sum = 0;
    int n = 0;
    for (var o : byOrigin.entrySet()) {
      if (o.getKey() >= asOf) continue;
      for (var y : o.getValue().entrySet()) {
        if (y.getKey() > asOf || !arrivals.containsKey(y.getKey())) continue;
        double e = Math.log1p(arrivals.get(y.getKey())) - y.getValue().mean();
        sum += e * e - y.getValue().variance();
        n++;
      }
    }
    return new Discrepancy(asOf, n, n == 0 ? 0 : Math.sqrt(Math.max(0, sum / n)));
  }
}
