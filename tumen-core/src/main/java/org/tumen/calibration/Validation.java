package org.tumen.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tumen.report.Metrics;
import org.tumen.report.Observed;

/**
 * The posterior predictive check: for each observed year, where the observation falls among the runs.
 *
 * <p>Two sets of intervals for arrivals. The model's own: posterior draws and chance. And the predictive
 * of what is recorded, which adds a model-discrepancy term (Kennedy and O'Hagan 2001, J. R. Stat. Soc. B
 * 63:425): each run's arrivals times exp(σ z), z standard normal, with σ the root mean square of the log
 * residuals of the medians over the same years. The ABC posterior itself is exact only under such an error
 * (Wilkinson 2013, Stat. Appl. Genet. Mol. Biol. 12:129). σ is estimated from the years it is checked on, so
 * that coverage is an in-sample check.
 *
 * @param arrivals 1996-2011: observed and the runs' quantiles
 * @param recorded the same with the discrepancy term
 * @param sigma the discrepancy's standard deviation on the log scale
 * @param covered90 years whose observation lies in the 90% interval
 * @param mape mean absolute percentage error of the medians 2001-2011, percent
 * @param ard Flee's averaged relative difference (by sex where known) 1996-2011, mean over runs
 * @param female female share 2002-2011: observed and median simulated
 * @param hidden people hiding in China in the estimate years: range and the runs' quantiles
 */
public record Validation(List<Band> arrivals, int covered50, int covered90, List<Band> recorded, double sigma,
    int recorded50, int recorded90, double mape, double ard, List<Share> female, List<HiddenCheck> hidden, int draws) {
  private static final long STREAM_DISCREPANCY = 301;
  public static final int FROM = 1996, TO = Observed.LAST_CALIBRATION_YEAR, MAPE_FROM = 2001, FEMALE_FROM = 2002;

  public record Band(int year, double observed, double median, double p05, double p25, double p75, double p95) {
    boolean in50() {
      return observed >= p25 && observed <= p75;
    }

    boolean in90() {
      return observed >= p05 && observed <= p95;
    }
  }

  public record Share(int year, double observed, double median, double p05, double p95) {
    public boolean within10Points() {
      return Math.abs(median - observed) <= 0.10;
    }
  }

  public record HiddenCheck(int year, double low, double high, double median, double p05, double p95) {
    public boolean medianInside() {
      return median >= low && median <= high;
    }
  }

  /**
   * The discrepancy's standard deviation on the log scale: the root mean square of log(1 + median) -
   * log(1 + observed) over the given bands.
   */
  public static double sigma(List<Band> bands) {
    double ss = 0;
    for (Band b : bands) {
      double r = Math.log1p(b.median()) - Math.log1p(b.observed());
      ss += r * r;
    }
    return bands.isEmpty() ? 0 : Math.sqrt(ss / bands.size());
  }

  /** Run r's arrivals in year y with the discrepancy: a draw keyed by (seed, run, year), so it is reproducible. */
  static double withDiscrepancy(double value, double sigma, long seed, int run, int year) {
    double z = new org.tumen.engine.RandomStream(seed, STREAM_DISCREPANCY, run, year).normal();
    return Math.max(0, Math.expm1(Math.log1p(value) + sigma * z));
  }

  public static Validation of(PosteriorPredictive.Ensemble e, Observed obs, long seed) {
    List<Band> bands = new ArrayList<>();
    List<Share> shares = new ArrayList<>();
    int c50 = 0, c90 = 0;
    double apeSum = 0;
    int apeN = 0;
    for (int y = FROM; y <= TO; y++) {
      double[] o = obs.arrivals().get(y);
      if (o == null || y > e.lastYear() || y < e.firstYear()) continue;
      double[] v = e.values("arrived_south_korea", y);
      Band b = new Band(y, o[0], q(v, .5), q(v, .05), q(v, .25), q(v, .75), q(v, .95));
      bands.add(b);
      if (b.in50()) c50++;
      if (b.in90()) c90++;
      if (y >= MAPE_FROM && o[0] > 0) {
        apeSum += Math.abs(b.median() - o[0]) / o[0];
        apeN++;
      }
      if (y >= FEMALE_FROM && !Double.isNaN(o[2])) {
        double[] f = e.values("arrived_south_korea_female", y);
        double[] share = new double[v.length];
        for (int r = 0; r < v.length; r++) share[r] = v[r] > 0 ? f[r] / v[r] : 0;
        shares.add(new Share(y, o[2] / o[0], q(share, .5), q(share, .05), q(share, .95)));
      }
    }
    double ard = 0;
    for (int r = 0; r < e.runs().size(); r++) {
      ard += Metrics.ard(obs.arrivals(), e.series(r, "arrived_south_korea"), e.series(r, "arrived_south_korea_female"),
          e.firstYear(), FROM, TO) / e.runs().size();
    }
    double sigma = sigma(bands);
    List<Band> recorded = new ArrayList<>();
    int r50 = 0, r90 = 0;
    for (Band b : bands) {
      double[] v = e.values("arrived_south_korea", b.year());
      for (int r = 0; r < v.length; r++) v[r] = withDiscrepancy(v[r], sigma, seed, r, b.year());
      Band d = new Band(b.year(), b.observed(), q(v, .5), q(v, .05), q(v, .25), q(v, .75), q(v, .95));
      recorded.add(d);
      if (d.in50()) r50++;
      if (d.in90()) r90++;
    }
    List<HiddenCheck> hidden = new ArrayList<>();
    for (Map.Entry<Integer, double[]> h : obs.hidden().entrySet()) {
      int y = h.getKey();
      if (y > e.lastYear() || y < e.firstYear()) continue;
      double[] v = e.values("hiding_in_china", y);
      hidden.add(new HiddenCheck(y, h.getValue()[0], h.getValue()[1], q(v, .5), q(v, .05), q(v, .95)));
    }
    return new Validation(bands, c50, c90, recorded, sigma, r50, r90, apeN == 0 ? Double.NaN : 100 * apeSum / apeN, ard, shares,
        hidden, e.runs().size());
  }

  private static double q(double[] v, double p) {
    return PosteriorPredictive.Ensemble.quantile(v, p);
  }

  public int femaleWithin10() {
    return (int) female.stream().filter(Share::within10Points).count();
  }

  public int hiddenInside() {
    return (int) hidden.stream().filter(HiddenCheck::medianInside).count();
  }

  public String text() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "Posterior predictive check, %d draws: arrivals in South Korea%n", draws));
    s.append(String.format(Locale.ROOT, "%-6s %9s %9s %19s %19s %6s %23s %6s%n", "year", "observed", "median", "50% interval",
        "90% interval", "in 90", "90% incl. discrepancy", "in 90"));
    for (int i = 0; i < arrivals.size(); i++) {
      Band b = arrivals.get(i), d = recorded.get(i);
      s.append(String.format(Locale.ROOT, "%-6d %,9.0f %,9.0f %,9.0f-%,-9.0f %,9.0f-%,-9.0f %6s %,11.0f-%,-11.0f %6s%n", b.year(),
          b.observed(), b.median(), b.p25(), b.p75(), b.p05(), b.p95(), b.in90() ? "yes" : "NO", d.p05(), d.p95(),
          d.in90() ? "yes" : "NO"));
    }
    s.append(String.format(Locale.ROOT, "Coverage, model (posterior draws and chance): 90%% interval %d of %d years, 50%% interval %d of %d"
        + " (target: 90%% covers >= 14 of 16)%n", covered90, arrivals.size(), covered50, arrivals.size()));
    s.append(String.format(Locale.ROOT, "Coverage, recorded arrivals (model plus a log-normal discrepancy, sigma %.3f, estimated from"
        + " these years: in-sample): 90%% interval %d of %d years, 50%% interval %d of %d%n", sigma, recorded90, recorded.size(),
        recorded50, recorded.size()));
    s.append(String.format(Locale.ROOT, "MAPE of medians %d-%d: %.1f%% (target <= 15%%)%n", MAPE_FROM, TO, mape));
    s.append(String.format(Locale.ROOT, "Averaged relative difference (Flee's ARD, by sex where known) %d-%d, mean over draws: %.3f%n", FROM, TO, ard));
    s.append("\nFemale share of arrivals\n");
    s.append(String.format(Locale.ROOT, "%-6s %9s %9s %15s %10s%n", "year", "observed", "median", "90% interval", "within 10"));
    for (Share f : female) {
      s.append(String.format(Locale.ROOT, "%-6d %8.1f%% %8.1f%% %6.1f%%-%5.1f%% %10s%n", f.year(), 100 * f.observed(), 100 * f.median(),
          100 * f.p05(), 100 * f.p95(), f.within10Points() ? "yes" : "NO"));
    }
    s.append(String.format(Locale.ROOT, "Within 10 points: %d of %d years%n", femaleWithin10(), female.size()));
    s.append("\nPeople hiding in China at year end\n");
    s.append(String.format(Locale.ROOT, "%-6s %17s %9s %19s %8s%n", "year", "estimate range", "median", "90% interval", "inside"));
    for (HiddenCheck h : hidden) {
      s.append(String.format(Locale.ROOT, "%-6d %,8.0f-%,-8.0f %,9.0f %,9.0f-%,-9.0f %8s%n", h.year(), h.low(), h.high(), h.median(),
          h.p05(), h.p95(), h.medianInside() ? "yes" : "NO"));
    }
    s.append(String.format(Locale.ROOT, "Medians inside the estimate ranges: %d of %d%n", hiddenInside(), hidden.size()));
    return s.toString();
  }
}
