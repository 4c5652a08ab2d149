package org.tumen.calibration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tumen.report.Observed;

/**
 * Quantiles of yearly series across a posterior predictive ensemble: what {@code forecast.csv} holds
 * (year, series, median, p05, p25, p75, p95) and what the chart draws. Besides the model's series,
 * {@code arrived_south_korea_recorded} is the forecast of recorded arrivals: the model's arrivals with the
 * model-discrepancy term that {@link Validation} estimates from the calibration years (the other series
 * have no yearly record to estimate one from).
 */
public record Forecast(Map<String, List<Row>> series, int draws) {
  /** The series a forecast reports, by name, with how each is computed from the tallies. */
  public static final Map<String, List<String>> SERIES = seriesDefinitions();

  public record Row(int year, double median, double p05, double p25, double p75, double p95) {}

  private static Map<String, List<String>> seriesDefinitions() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("arrived_south_korea", List.of("arrived_south_korea"));
    m.put("hiding_in_china", List.of("hiding_in_china"));
    m.put("repatriated", List.of("repatriated"));
    // A sentence is any punishment after interrogation beyond release: labour training, kyohwaso, kwan-li-so, execution.
    m.put("sentenced", List.of("sentenced_labour_training", "sentenced_kyohwaso", "sentenced_kwanliso", "executed"));
    return m;
  }

  public static final String RECORDED = "arrived_south_korea_recorded";

  public static Forecast of(PosteriorPredictive.Ensemble e, Observed observed, long seed) {
    Map<String, List<Row>> out = new LinkedHashMap<>();
    for (var def : SERIES.entrySet()) {
      List<Row> rows = new ArrayList<>();
      for (int y = e.firstYear(); y <= e.lastYear(); y++) {
        double[] v = new double[e.runs().size()];
        for (String part : def.getValue()) {
          double[] p = e.values(part, y);
          for (int r = 0; r < v.length; r++) v[r] += p[r];
        }
        rows.add(new Row(y, q(v, .5), q(v, .05), q(v, .25), q(v, .75), q(v, .95)));
      }
      out.put(def.getKey(), rows);
    }
    double sigma = Validation.of(e, observed, seed).sigma();
    if (sigma > 0) {
      List<Row> rows = new ArrayList<>();
      for (int y = e.firstYear(); y <= e.lastYear(); y++) {
        double[] v = e.values("arrived_south_korea", y);
        for (int r = 0; r < v.length; r++) v[r] = Validation.withDiscrepancy(v[r], sigma, seed, r, y);
        rows.add(new Row(y, q(v, .5), q(v, .05), q(v, .25), q(v, .75), q(v, .95)));
      }
      out.put(RECORDED, rows);
    }
    return new Forecast(out, e.runs().size());
  }

  private static double q(double[] v, double p) {
    return PosteriorPredictive.Ensemble.quantile(v, p);
  }

  public String csv() {
    StringBuilder s = new StringBuilder("year,series,median,p05,p25,p75,p95\n");
    for (var e : series.entrySet()) {
      for (Row r : e.getValue()) {
        s.append(String.format(Locale.ROOT, "%d,%s,%.1f,%.1f,%.1f,%.1f,%.1f%n", r.year(), e.getKey(), r.median(), r.p05(), r.p25(),
            r.p75(), r.p95()));
      }
    }
    return s.toString();
  }

  /** People hiding in China with 90% intervals, for the terminal. */
  public String hiddenText(int from, int to) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "People hiding in China at year end (%d posterior draws): median and 90%% interval%n", draws));
    for (Row r : series.get("hiding_in_china")) {
      if (r.year() < from || r.year() > to) continue;
      s.append(String.format(Locale.ROOT, "%d %,9.0f  (%,.0f - %,.0f)%s%n", r.year(), r.median(), r.p05(), r.p95(),
          r.year() > Observed.LAST_CALIBRATION_YEAR ? "  forecast" : ""));
    }
    return s.toString();
  }

  /** Writes forecast.csv and forecast.svg into {@code dir}, each atomically. */
  public void write(Path dir, Observed observed, String title) {
    writeAtomically(dir.resolve("forecast.csv"), csv());
    writeAtomically(dir.resolve("forecast.svg"), Chart.svg(this, observed, title));
  }

  static void writeAtomically(Path file, String text) {
    org.tumen.report.RunOutputs.writeFileAtomically(file, text);
  }

}
