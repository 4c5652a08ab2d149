package org.tumen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.batch.Bands;
import org.tumen.batch.Bands.Band;
import org.tumen.batch.Draws;
import org.tumen.batch.Ensemble;
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

@Command(name = "ensemble", mixinStandardHelpOptions = true, description = "Run a scenario many times (seeds, and parameter draws if given) and report"
    + " quantile bands (5, 25, 50, 75, 95%%) for every yearly series.")
final class EnsembleCommand implements Callable<Integer> {
  /** Series shown in the printed table; every series is in the store and in bands.csv. */
  static final List<String> KEY_SERIES = List.of("arrived_south_korea", "hiding_in_china", "repatriated",
      "sentenced_kwanliso", "died");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--runs", required = true, description = "number of runs")
  int runs;

  @Option(names = "--draws", paramLabel = "CSV", description = "parameter draws: one column per parameter, one row per draw; run i uses draw i mod rows"
      + " (default: the scenario's posterior when it is calibrated)")
  Path draws;

  @Option(names = "--years", split = ",", description = "years in the printed table (default: 2000,2005,2011,2015,2020,2030)")
  List<Integer> years = List.of(2000, 2005, 2011, 2015, 2020, 2030);

  @Option(names = "--out", description = "folder for bands.csv")
  Path out;

  @Mixin BatchOptions batch;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    if (runs < 1) throw new InvalidInputException("--runs", 0, "", "must be at least 1, got " + runs);
    Scenario s = Tumen.load(scenario);
    s.parameters().withOverrides(batch.set, "--set"); // a mistake in --set is reported before any run
    // A calibrated scenario's ensemble varies its parameters over the posterior unless draws are given.
    List<Map<String, Double>> drawList = draws != null ? Draws.read(draws, s.parameters())
        : s.posterior() != null ? s.posterior().draws(null) : List.of();
    String drawSource = draws != null ? draws.toString() : "the scenario's posterior";
    long seed = batch.seed != null ? batch.seed : s.seed();
    List<RunTask> tasks = Ensemble.tasks(BatchOptions.taskPath(scenario), runs, seed, batch.set, drawList, 0);

    BatchOptions.Executed e = batch.execute(tasks, "ensemble " + s.name());
    List<Band> bands = Bands.of(e.summaries());

    w.printf("Ensemble of %d runs of %s, seeds %d-%d; %s.%n", runs, scenario, seed, seed + runs - 1,
        drawList.isEmpty() ? "no parameter draws given (--draws), so the bands show the model's own randomness only"
            : drawList.size() + " parameter draws from " + drawSource);
    w.print(table(bands, KEY_SERIES, years));
    w.println(e.timing());
    if (out != null) {
      writeCsv(bands, out.resolve("bands.csv"));
      w.println("Wrote " + out.resolve("bands.csv"));
    }
    batch.record(Kind.ENSEMBLE, Map.of(tasks.get(0).scenario(), s.contentHash()), e, w);
    w.printf(Locale.ROOT, "runs_per_second=%.4f%n", e.runsPerSecond());
    w.flush();
    return 0;
  }

  /** Rows are years, columns series; each cell is the median and the 90% band. */
  static String table(List<Band> bands, List<String> series, List<Integer> years) {
    StringBuilder s = new StringBuilder();
    s.append("median (5%-95%) across runs\n");
    s.append(String.format(Locale.ROOT, "%-6s", "year"));
    for (String name : series) s.append(String.format(Locale.ROOT, " %27s", name));
    s.append('\n');
    for (int year : years) {
      List<String> cells = new ArrayList<>();
      for (String name : series) {
        Band b = bands.stream().filter(x -> x.series().equals(name) && x.year() == year).findFirst().orElse(null);
        cells.add(b == null ? "-" : Text.num(b.p50()) + " (" + Text.num(b.p05()) + "-" + Text.num(b.p95()) + ")");
      }
      if (cells.stream().allMatch("-"::equals)) continue; // a year outside the scenario
      s.append(String.format(Locale.ROOT, "%-6d", year));
      for (String c : cells) s.append(String.format(Locale.ROOT, " %27s", c));
      s.append('\n');
    }
    return s.toString();
  }

  static void writeCsv(List<Band> bands, Path file) {
    StringBuilder s = new StringBuilder("series,year,runs,p05,p25,p50,p75,p95\n");
    for (Band b : bands) {
      s.append(b.series()).append(',').append(b.year()).append(',').append(b.runs());
      for (double v : new double[] {b.p05(), b.p25(), b.p50(), b.p75(), b.p95()}) s.append(',').append(Text.csv(v));
      s.append('\n');
    }
    Text.write(file, s.toString());
  }
}
