package org.tumen.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tumen.batch.RunSummary;
import org.tumen.report.Observed;
import org.tumen.scenario.Scenario;
import org.tumen.store.Kind;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunDetail;
import org.tumen.store.RunRow;

/**
 * A stored result as the pages draw it: per variant (one for a run or an ensemble), every yearly series as
 * mean and quantiles over its runs; for comparisons, paired differences from the first variant; and the
 * context a chart needs (observed record, places and routes of the scenario, what was changed).
 *
 * <p>Means are given beside the quantiles because the flow map and the outcome diagram add series up
 * (over years, over routes), and means add up where medians do not.
 */
record ResultView(long id, String kind, String created, String toolVersion, int runs, int firstYear, int lastYear,
    List<VariantView> variants, Map<String, List<Stat>> differences, Map<String, List<Double>> headlineTotals,
    ObservedView observed, ScenarioView.Map map, String note) {

  /** Series that the comparison page shows as differences with intervals. */
  static final List<String> HEADLINES = List.of("arrived_south_korea", "hiding_in_china", "repatriated",
      "arrested_in_china", "bribe_releases", "sentenced_kyohwaso", "sentenced_kwanliso", "executed", "died", "crossed");

  /** @param dated the levers that took effect on a date (none for results not made by the dashboard) */
  record VariantView(String label, String scenario, Map<String, Double> overrides, List<DatedLever> dated, int runs,
      List<Long> seeds, Map<String, Stat> series) {}

  /** A series over the years: mean and the 5, 25, 50, 75 and 95th percentiles across runs. */
  record Stat(double[] mean, double[] p05, double[] p25, double[] p50, double[] p75, double[] p95) {}

  record ObservedView(List<double[]> arrivals, List<double[]> hidden) {}

  private static final ObjectMapper LENIENT = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  static ResultView load(ResultsStore store, Scenarios catalog, long id) {
    RunDetail d;
    try {
      d = store.show(id);
    } catch (org.tumen.scenario.InvalidInputException e) {
      throw ApiException.notFound("no result " + id + " in the results store");
    }
    RunRow row = d.run();
    if (row.parentId() != null) {
      throw ApiException.badRequest("result " + id + " is run " + row.batchIndex() + " of batch " + row.parentId()
          + "; open the batch");
    }
    List<RunSummary> members = row.kind() == Kind.RUN
        ? List.of(new RunSummary(0, row.scenario(), row.seed(), -1, d.parameters(), d.firstYear(), d.yearly(),
            row.wallSeconds(), row.agentDays()))
        : store.summaries(id);
    if (members.isEmpty()) throw ApiException.notFound("result " + id + " has no runs");
    JobRequest.Plan plan = planOf(row.note());

    // Group the runs by the scenario column (a variant's label in a comparison), keeping the order.
    Map<String, List<RunSummary>> groups = new LinkedHashMap<>();
    for (RunSummary r : members) groups.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
    int first = members.stream().mapToInt(RunSummary::firstYear).min().orElse(0);
    int years = members.stream().mapToInt(r -> r.yearly().values().stream().mapToInt(a -> a.length).max().orElse(0))
        .max().orElse(0);

    List<VariantView> variants = new ArrayList<>();
    int vi = 0;
    String firstScenario = null;
    for (var g : groups.entrySet()) {
      JobRequest.Variant planned = plan != null && vi < plan.variants().size() ? plan.variants().get(vi) : null;
      String scenario = planned != null ? planned.scenario() : g.getKey();
      if (firstScenario == null) firstScenario = scenario;
      Map<String, Double> overrides = planned != null ? planned.overrides() : g.getValue().get(0).parameters();
      TreeSet<String> names = new TreeSet<>();
      for (RunSummary r : g.getValue()) names.addAll(r.yearly().keySet());
      Map<String, Stat> stats = new LinkedHashMap<>();
      for (String n : names) stats.put(n, stat(g.getValue(), n, first, years));
      String label = planned != null ? planned.label() : shortName(g.getKey());
      variants.add(new VariantView(label, scenario, overrides, planned != null ? planned.dated() : List.of(), g.getValue().size(),
          g.getValue().stream().map(RunSummary::seed).toList(), stats));
      vi++;
    }

    Map<String, List<Stat>> differences = new LinkedHashMap<>();
    Map<String, List<Double>> totals = new LinkedHashMap<>();
    if (variants.size() > 1) {
      List<List<RunSummary>> arms = new ArrayList<>(groups.values());
      for (String h : HEADLINES) {
        List<Stat> perVariant = new ArrayList<>();
        for (int v = 1; v < arms.size(); v++) perVariant.add(pairedDifference(arms.get(0), arms.get(v), h, first, years));
        differences.put(h, perVariant);
      }
    }
    for (String h : HEADLINES) {
      List<Double> t = new ArrayList<>();
      for (VariantView v : variants) {
        Stat s = v.series().get(h);
        t.add(s == null ? 0 : Arrays.stream(s.mean()).sum());
      }
      totals.put(h, t);
    }

    Scenario scenario = catalog.byPathOrName(firstScenario);
    ObservedView observed = scenario == null ? new ObservedView(List.of(), List.of()) : observed(scenario);
    ScenarioView.Map map = scenario == null ? null : ScenarioView.map(scenario);
    return new ResultView(id, row.kind().label(), row.created().toString() + "Z", row.toolVersion(), members.size(),
        first, first + years - 1, variants, differences, totals, observed, map, plan == null ? row.note() : plan.note());
  }

  private static String shortName(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  static JobRequest.Plan planOf(String note) {
    if (note == null || !note.startsWith("{")) return null;
    try {
      return LENIENT.readValue(note, JobRequest.Plan.class);
    } catch (Exception e) {
      return null; // a note written by someone else: shown as text
    }
  }

  static ObservedView observed(Scenario s) {
    try {
      Observed o = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
      List<double[]> arrivals = new ArrayList<>(), hidden = new ArrayList<>();
      o.arrivals().forEach((y, v) -> arrivals.add(new double[] {y, v[0], Double.isNaN(v[2]) ? -1 : v[2]}));
      o.hidden().forEach((y, v) -> hidden.add(new double[] {y, v[0], v[1]}));
      return new ObservedView(arrivals, hidden);
    } catch (RuntimeException e) {
      return new ObservedView(List.of(), List.of());
    }
  }

  private static double[] values(RunSummary r, String name, int first, int years) {
    double[] out = new double[years];
    double[] s = r.yearly().get(name);
    if (s != null) System.arraycopy(s, 0, out, r.firstYear() - first, Math.min(s.length, years - (r.firstYear() - first)));
    return out;
  }

  static Stat stat(List<RunSummary> runs, String name, int first, int years) {
    double[][] v = new double[runs.size()][];
    for (int i = 0; i < runs.size(); i++) v[i] = values(runs.get(i), name, first, years);
    return statOf(v, years);
  }

  /** Run-by-run difference (variant minus baseline), pairing the runs of the same seed. */
  static Stat pairedDifference(List<RunSummary> base, List<RunSummary> other, String name, int first, int years) {
    int n = Math.min(base.size(), other.size());
    double[][] v = new double[n][years];
    for (int i = 0; i < n; i++) {
      double[] a = values(base.get(i), name, first, years), b = values(other.get(i), name, first, years);
      for (int y = 0; y < years; y++) v[i][y] = b[y] - a[y];
    }
    return statOf(v, years);
  }

  private static Stat statOf(double[][] runs, int years) {
    double[] mean = new double[years], p05 = new double[years], p25 = new double[years], p50 = new double[years],
        p75 = new double[years], p95 = new double[years];
    double[] col = new double[runs.length];
    for (int y = 0; y < years; y++) {
      double sum = 0;
      for (int i = 0; i < runs.length; i++) {
        col[i] = runs[i][y];
        sum += col[i];
      }
      Arrays.sort(col);
      mean[y] = round(sum / Math.max(1, runs.length));
      p05[y] = round(quantile(col, 0.05));
      p25[y] = round(quantile(col, 0.25));
      p50[y] = round(quantile(col, 0.50));
      p75[y] = round(quantile(col, 0.75));
      p95[y] = round(quantile(col, 0.95));
    }
    return new Stat(mean, p05, p25, p50, p75, p95);
  }

  /** Linear interpolation between order statistics (R's type 7, as the results store's bands). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return 0;
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
