package org.tumen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.batch.DifferenceChart;
import org.tumen.batch.Draws;
import org.tumen.batch.PairedComparison;
import org.tumen.batch.PairedComparison.Difference;
import org.tumen.batch.RunTask;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import org.tumen.store.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true, description = "Compare scenarios with paired runs (common random numbers: the same seeds and"
    + " draws for each): differences from the first scenario, with 90%% intervals, as a table and a chart.")
final class CompareCommand implements Callable<Integer> {
  /** Outcomes shown per year in the printed table (all are in the CSV and the chart). */
  static final List<String> PER_YEAR = List.of("arrivals", "repatriations", "sentences", "deaths");

  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "SCENARIO", description = "scenario folders; the first is the baseline")
  List<Path> scenarios;

  @Option(names = "--runs", required = true, description = "paired runs per scenario")
  int runs;

  @Option(names = "--draws", paramLabel = "CSV", description = "parameter draws shared by all scenarios (run i uses draw i mod rows;"
      + " default: the first scenario's posterior, on the parameters every scenario's posterior has)")
  Path draws;

  @Option(names = "--from", description = "first year compared (default: ${DEFAULT-VALUE})")
  int from = 2012;

  @Option(names = "--to", description = "last year compared (default: ${DEFAULT-VALUE})")
  int to = 2030;

  @Option(names = "--out", description = "folder for differences.csv and differences.svg")
  Path out;

  @Mixin BatchOptions batch;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    if (runs < 2) throw new InvalidInputException("--runs", 0, "", "must be at least 2 for an interval, got " + runs);
    List<Scenario> loaded = new ArrayList<>();
    Map<String, String> hashes = new LinkedHashMap<>();
    List<String> paths = new ArrayList<>();
    for (Path p : scenarios) {
      Scenario s = Tumen.load(p);
      s.parameters().withOverrides(batch.set, "--set");
      int first = s.calendar().start().getYear(), last = s.calendar().end().getYear();
      if (from < first || to > last || to < from) {
        throw new InvalidInputException("--from/--to", 0, from + "-" + to, p + " runs " + first + "-" + last
            + "; choose years inside it");
      }
      loaded.add(s);
      paths.add(BatchOptions.taskPath(p));
      hashes.put(BatchOptions.taskPath(p), s.contentHash());
    }
    if (hashes.size() < paths.size()) throw new InvalidInputException("SCENARIO", 0, "", "a scenario is named twice");
    Scenario base = loaded.get(0);
    List<Map<String, Double>> drawList = draws != null ? Draws.read(draws, base.parameters()) : posteriorDraws(loaded);
    long seed = batch.seed != null ? batch.seed : base.seed();
    List<RunTask> tasks = PairedComparison.tasks(paths, runs, seed, batch.set, drawList);

    BatchOptions.Executed e = batch.execute(tasks, "compare");
    List<Difference> diffs = PairedComparison.differences(e.summaries(), paths, runs, PairedComparison.OUTCOMES, from, to);
    List<Difference> named = diffs.stream().map(d -> rename(d, paths, scenarios)).toList();

    w.printf("Paired comparison, %d runs per scenario (seeds %d-%d, the same for every scenario%s).%n", runs, seed,
        seed + runs - 1, drawList.isEmpty() ? "; no parameter draws" : "; " + drawList.size() + " shared parameter draws from "
            + (draws != null ? draws : "the posterior"));
    w.println("Differences are scenario minus " + scenarios.get(0) + ", run by run; the interval is the 5th-95th"
        + " percentile of the paired differences.");
    w.print(totals(named));
    w.println();
    w.print(perYear(named, PER_YEAR));
    w.println(e.timing());
    if (out != null) {
      Text.write(out.resolve("differences.csv"), csv(named));
      Text.write(out.resolve("differences.svg"), DifferenceChart.svg(named,
          "Paired differences from " + scenarios.get(0) + " (" + runs + " runs each)"));
      w.println("Wrote " + out.resolve("differences.csv") + " and " + out.resolve("differences.svg"));
    }
    batch.record(Kind.COMPARE, hashes, e, w);
    w.flush();
    return 0;
  }

  /** Differences name scenarios as the user typed them, not by absolute path. */
  private static Difference rename(Difference d, List<String> paths, List<Path> given) {
    return new Difference(given.get(paths.indexOf(d.scenario())).toString(), given.get(paths.indexOf(d.baseline())).toString(),
        d.outcome(), d.year(), d.fromYear(), d.toYear(), d.runs(), d.baselineMean(), d.mean(), d.p05(), d.p50(), d.p95());
  }

  static String totals(List<Difference> diffs) {
    StringBuilder s = new StringBuilder();
    List<Difference> totals = diffs.stream().filter(Difference::total).toList();
    if (totals.isEmpty()) return "";
    Difference any = totals.get(0);
    s.append(String.format(Locale.ROOT, "Totals %d-%d%n", any.fromYear(), any.toYear()));
    s.append(String.format(Locale.ROOT, "%-28s %-14s %14s %14s %27s %9s%n", "scenario", "outcome", "baseline mean",
        "mean diff", "90% interval", "change"));
    for (Difference d : totals) {
      String change = d.baselineMean() == 0 ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * d.mean() / d.baselineMean());
      s.append(String.format(Locale.ROOT, "%-28s %-14s %14s %14s %27s %9s%n", shorten(d.scenario(), 28), d.outcome(),
          Text.num(d.baselineMean()), Text.signed(d.mean()), "[" + Text.signed(d.p05()) + ", " + Text.signed(d.p95()) + "]",
          change));
    }
    return s.toString();
  }

  static String perYear(List<Difference> diffs, List<String> outcomes) {
    StringBuilder s = new StringBuilder();
    for (String scenario : diffs.stream().map(Difference::scenario).distinct().toList()) {
      s.append("Per year: ").append(scenario).append(" minus baseline, mean [90% interval]\n");
      s.append(String.format(Locale.ROOT, "%-6s", "year"));
      for (String o : outcomes) s.append(String.format(Locale.ROOT, " %30s", o));
      s.append('\n');
      List<Integer> years = diffs.stream().filter(d -> !d.total()).map(Difference::year).distinct().sorted().toList();
      for (int y : years) {
        s.append(String.format(Locale.ROOT, "%-6d", y));
        for (String o : outcomes) {
          Difference d = diffs.stream().filter(x -> x.scenario().equals(scenario) && x.outcome().equals(o) && x.year() == y)
              .findFirst().orElse(null);
          String cell = d == null ? "-" : Text.signed(d.mean()) + " [" + Text.signed(d.p05()) + ", " + Text.signed(d.p95()) + "]";
          s.append(String.format(Locale.ROOT, " %30s", cell));
        }
        s.append('\n');
      }
    }
    return s.toString();
  }

  static String csv(List<Difference> diffs) {
    StringBuilder s = new StringBuilder("scenario,baseline,outcome,period,from_year,to_year,runs,baseline_mean,mean_diff,p05,p50,p95\n");
    for (Difference d : diffs) {
      s.append(d.scenario()).append(',').append(d.baseline()).append(',').append(d.outcome()).append(',')
          .append(d.total() ? "total" : Integer.toString(d.year())).append(',').append(d.fromYear()).append(',')
          .append(d.toYear()).append(',').append(d.runs());
      for (double v : new double[] {d.baselineMean(), d.mean(), d.p05(), d.p50(), d.p95()}) s.append(',').append(Text.csv(v));
      s.append('\n');
    }
    return s.toString();
  }

  private static String shorten(String s, int n) {
    return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
  }

  /**
   * Shared draws from the first scenario's posterior, restricted to the parameters in every scenario's
   * posterior: a variant that sets a calibrated parameter itself drops it from its posterior, and a shared
   * draw must not override its own value. Empty when a scenario is not calibrated.
   */
  static List<Map<String, Double>> posteriorDraws(List<Scenario> scenarios) {
    java.util.Set<String> common = null;
    for (Scenario s : scenarios) {
      if (s.posterior() == null) return List.of();
      if (common == null) common = new java.util.HashSet<>(s.posterior().names());
      else common.retainAll(s.posterior().names());
    }
    if (common == null || common.isEmpty()) return List.of();
    return scenarios.get(0).posterior().draws(common);
  }
}
