package org.tumen.forecast;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Forecasts made at past origins and scored against what was then observed: one row per (origin, year,
 * forecaster), what {@code backtest.csv} holds, and the summary a reader compares forecasters by: coverage of
 * the 50% and 90% intervals, mean weighted interval score, MAPE of the medians, and relative WIS (the
 * forecaster's mean WIS over the baseline's, on the same targets; below 1 beats the baseline).
 */
public record Backtest(List<Row> rows) {
  public static final String CSV_HEADER = "origin,year,horizon,forecaster,observed,median,p05,p25,p75,p95,wis";

  public Backtest {
    rows = List.copyOf(rows);
  }

  /** One scored forecast. */
  public record Row(int origin, int year, String forecaster, double observed, QuantileForecast forecast) {
    public int horizon() {
      return year - origin;
    }

    public double wis() {
      return forecast.wis(observed);
    }
  }

  /** The three baselines' forecasts of years origin+1..last from the observations up to each origin. */
  public static List<Row> baselines(NavigableMap<Integer, Double> observed, List<Integer> origins, int last) {
    List<Row> out = new ArrayList<>();
    for (int origin : origins) {
      NavigableMap<Integer, Double> history = observed.headMap(origin, true);
      for (Baseline b : Baseline.values()) {
        for (int y = origin + 1; y <= last; y++) {
          if (!observed.containsKey(y)) continue;
          out.add(new Row(origin, y, b.label, observed.get(y), b.forecast(history, y - origin)));
        }
      }
    }
    return out;
  }

  /** What one forecaster scored over some rows. */
  public record Score(String forecaster, int n, double coverage50, double coverage90, double meanWis, double mape) {}

  public List<String> forecasters() {
    Set<String> s = new LinkedHashSet<>();
    for (Row r : rows) s.add(r.forecaster());
    return List.copyOf(s);
  }

  public Score score(String forecaster, Predicate<Row> which) {
    int n = 0, c50 = 0, c90 = 0;
    double wis = 0, ape = 0;
    for (Row r : rows) {
      if (!r.forecaster().equals(forecaster) || !which.test(r)) continue;
      n++;
      if (r.forecast().in50(r.observed())) c50++;
      if (r.forecast().in90(r.observed())) c90++;
      wis += r.wis();
      ape += Math.abs(r.forecast().p50() - r.observed()) / r.observed();
    }
    return new Score(forecaster, n, (double) c50 / n, (double) c90 / n, wis / n, 100 * ape / n);
  }

  /**
   * Mean WIS of {@code forecaster} over mean WIS of {@code baseline}, on the targets (origin, year) both
   * forecast among {@code which}; NaN when they share none.
   */
  public double relativeWis(String forecaster, String baseline, Predicate<Row> which) {
    Map<List<Integer>, Double> a = wisByTarget(forecaster, which), b = wisByTarget(baseline, which);
    double sa = 0, sb = 0;
    for (var e : a.entrySet()) {
      Double other = b.get(e.getKey());
      if (other == null) continue;
      sa += e.getValue();
      sb += other;
    }
    return sb > 0 ? sa / sb : Double.NaN;
  }

  private Map<List<Integer>, Double> wisByTarget(String forecaster, Predicate<Row> which) {
    Map<List<Integer>, Double> m = new TreeMap<>((x, y) -> x.get(0).equals(y.get(0)) ? x.get(1) - y.get(1) : x.get(0) - y.get(0));
    for (Row r : rows) if (r.forecaster().equals(forecaster) && which.test(r)) m.put(List.of(r.origin(), r.year()), r.wis());
    return m;
  }

  /** backtest.csv. */
  public String csv() {
    StringWriter out = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
      w.writeRecord(CSV_HEADER.split(","));
      for (Row r : rows) {
        QuantileForecast f = r.forecast();
        w.writeRecord(Integer.toString(r.origin()), Integer.toString(r.year()), Integer.toString(r.horizon()), r.forecaster(),
            num(r.observed()), num(f.p50()), num(f.p05()), num(f.p25()), num(f.p75()), num(f.p95()), num(r.wis()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /**
   * The summary table: for all horizons and for horizons 1 to {@code shortHorizon}, each forecaster's coverage,
   * mean WIS, MAPE, and its relative WIS against each baseline, with {@code model} compared to the best baseline.
   */
  public String summary(String model, int shortHorizon) {
    StringBuilder s = new StringBuilder();
    Map<String, Predicate<Row>> windows = new LinkedHashMap<>();
    windows.put("all horizons", r -> true);
    windows.put("horizons 1-" + shortHorizon, r -> r.horizon() <= shortHorizon);
    List<String> baselines = new ArrayList<>();
    for (Baseline b : Baseline.values()) baselines.add(b.label);
    for (var w : windows.entrySet()) {
      s.append(String.format(Locale.ROOT, "%s%n%-22s %4s %7s %7s %10s %7s", w.getKey(), "forecaster", "n", "in 50%", "in 90%", "mean WIS",
          "MAPE"));
      for (String b : baselines) s.append(String.format(Locale.ROOT, " %12s", "rWIS/" + b));
      s.append('\n');
      for (String f : forecasters()) {
        Score sc = score(f, w.getValue());
        if (sc.n() == 0) continue;
        s.append(String.format(Locale.ROOT, "%-22s %4d %6.0f%% %6.0f%% %,10.1f %6.1f%%", f, sc.n(), 100 * sc.coverage50(), 100 * sc.coverage90(),
            sc.meanWis(), sc.mape()));
        for (String b : baselines) s.append(String.format(Locale.ROOT, " %12.2f", relativeWis(f, b, w.getValue())));
        s.append('\n');
      }
      if (forecasters().contains(model)) {
        String best = null;
        double bestWis = Double.POSITIVE_INFINITY;
        for (String b : baselines) {
          Score sc = score(b, w.getValue());
          if (sc.n() > 0 && sc.meanWis() < bestWis) {
            bestWis = sc.meanWis();
            best = b;
          }
        }
        if (best != null) {
          s.append(String.format(Locale.ROOT, "relative WIS of %s against the best baseline (%s): %.2f (below 1 beats it)%n", model, best,
              relativeWis(model, best, w.getValue())));
        }
      }
      s.append('\n');
    }
    return s.toString();
  }
}
