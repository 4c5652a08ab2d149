package org.tumen.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.stat.StatUtils;

/**
 * Compares scenarios with common random numbers: every scenario runs with the same seeds and parameter
 * draws (run {@code i} of each has seed {@code seed + i}), so that run {@code i} of B differs from run
 * {@code i} of A only by the scenario. The paired difference B_i - A_i then carries little of the model's
 * own noise, and far fewer runs pin a policy effect down than independent runs would.
 *
 * <p>Batch layout: scenario {@code s}, run {@code i} is task {@code s * runs + i}.
 */
public final class PairedComparison {
  private PairedComparison() {}

  /** A quantity compared: the sum of one or more yearly series. */
  public record Outcome(String name, List<String> series) {
    public Outcome {
      series = List.copyOf(series);
    }

    public double valueIn(RunSummary r, int year) {
      double v = 0;
      for (String s : series) v += r.value(s, year);
      return v;
    }
  }

  /** What the issue asks to compare: arrivals, repatriations, sentences and deaths. */
  public static final List<Outcome> OUTCOMES = List.of(
      new Outcome("arrivals", List.of("arrived_south_korea")),
      new Outcome("repatriations", List.of("repatriated")),
      // Sentenced to detention of any kind; release without sentence is not counted.
      new Outcome("sentences", List.of("sentenced_labour_training", "sentenced_kyohwaso", "sentenced_kwanliso")),
      new Outcome("kwanliso", List.of("sentenced_kwanliso")),
      new Outcome("executions", List.of("executed")),
      new Outcome("deaths", List.of("died")));

  /**
   * One compared quantity: scenario minus baseline, over runs.
   *
   * @param year the year, or 0 for the total over {@code fromYear..toYear}
   * @param baselineMean the baseline's mean, to read the difference against
   * @param mean the mean paired difference
   * @param p05 the 5th percentile of the paired differences (with p95: a 90% interval)
   */
  public record Difference(String scenario, String baseline, String outcome, int year, int fromYear, int toYear,
      int runs, double baselineMean, double mean, double p05, double p50, double p95) {
    public boolean total() {
      return year == 0;
    }
  }

  /** The tasks: the same {@code runs} seeds (and draws) for every scenario. */
  public static List<RunTask> tasks(List<String> scenarios, int runs, long seed, Map<String, Double> overrides,
      List<Map<String, Double>> draws) {
    List<RunTask> tasks = new ArrayList<>();
    for (int s = 0; s < scenarios.size(); s++) {
      tasks.addAll(Ensemble.tasks(scenarios.get(s), runs, seed, overrides, draws, s * runs));
    }
    return tasks;
  }

  /** The summaries of scenario {@code s}, in run order. */
  public static List<RunSummary> runsOf(List<RunSummary> summaries, int s, int runs) {
    return summaries.subList(s * runs, (s + 1) * runs);
  }

  /**
   * Differences of every scenario after the first against the first: the total over the years, then each
   * year, for each outcome.
   */
  public static List<Difference> differences(List<RunSummary> summaries, List<String> scenarios, int runs,
      List<Outcome> outcomes, int fromYear, int toYear) {
    if (summaries.size() != scenarios.size() * runs) {
      throw new IllegalArgumentException("expected " + scenarios.size() * runs + " summaries, got " + summaries.size());
    }
    List<RunSummary> base = runsOf(summaries, 0, runs);
    List<Difference> out = new ArrayList<>();
    for (int s = 1; s < scenarios.size(); s++) {
      List<RunSummary> other = runsOf(summaries, s, runs);
      for (int i = 0; i < runs; i++) checkPaired(base.get(i), other.get(i));
      for (Outcome o : outcomes) {
        out.add(difference(scenarios.get(s), scenarios.get(0), o, 0, fromYear, toYear, base, other));
        for (int y = fromYear; y <= toYear; y++) {
          out.add(difference(scenarios.get(s), scenarios.get(0), o, y, y, y, base, other));
        }
      }
    }
    return out;
  }

  private static void checkPaired(RunSummary a, RunSummary b) {
    if (a.seed() != b.seed() || a.draw() != b.draw()) {
      throw new IllegalStateException("runs " + a.index() + " and " + b.index() + " are not paired (seed " + a.seed()
          + " vs " + b.seed() + ", draw " + a.draw() + " vs " + b.draw() + ")");
    }
  }

  private static Difference difference(String scenario, String baseline, Outcome o, int year, int from, int to,
      List<RunSummary> base, List<RunSummary> other) {
    int n = base.size();
    double[] a = new double[n], d = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = total(o, base.get(i), from, to);
      d[i] = total(o, other.get(i), from, to) - a[i];
    }
    return new Difference(scenario, baseline, o.name(), year, from, to, n, StatUtils.mean(a), StatUtils.mean(d),
        Bands.quantile(d, 0.05), Bands.quantile(d, 0.5), Bands.quantile(d, 0.95));
  }

  static double total(Outcome o, RunSummary r, int from, int to) {
    double v = 0;
    for (int y = from; y <= to; y++) v += o.valueIn(r, y);
    return v;
  }
}
