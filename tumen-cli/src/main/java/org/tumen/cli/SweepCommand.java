package org.tumen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.batch.Bands;
import org.tumen.batch.Measure;
import org.tumen.batch.Morris;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.SensitivityDesign;
import org.tumen.batch.Sobol;
import org.tumen.batch.SweepGrid;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import org.tumen.store.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run a scenario over a grid of parameter values (a results table), or compute"
    + " sensitivity indices (Morris or Sobol) of the calibrated parameters over their priors.")
final class SweepCommand implements Callable<Integer> {
  enum Method { morris, sobol }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--grid", paramLabel = "NAME=LO:HI:STEPS", description = "a swept parameter: name=lo:hi:steps,"
      + " name=lo:hi:steps:log or name=v1,v2,... (repeatable; the grid is every combination)")
  List<String> grid = new ArrayList<>();

  @Option(names = "--sweep-file", paramLabel = "FILE", description = "grid axes, one per line as for --grid")
  Path sweepFile;

  @Option(names = "--runs", description = "runs per grid point, seeds seed..seed+runs-1 at every point (default: ${DEFAULT-VALUE})")
  int runs = 1;

  @Option(names = "--output", paramLabel = "MEASURE", description = "a number read off each run: SERIES:FROM-TO (total) or"
      + " SERIES@YEAR (repeatable; default: arrived_south_korea:2001-2011, arrived_south_korea:2012-2030,"
      + " repatriated:2012-2030, hiding_in_china@2012). Sensitivity indices are of the first.")
  List<String> outputs = new ArrayList<>();

  @Option(names = "--sensitivity", paramLabel = "METHOD", description = "morris or sobol, over the calibrated parameters' priors")
  Method sensitivity;

  @Option(names = "--factors", split = ",", description = "the calibrated parameters to vary (default: all of them)")
  List<String> factors = new ArrayList<>();

  @Option(names = "--trajectories", description = "Morris trajectories; (factors + 1) runs each (default: ${DEFAULT-VALUE})")
  int trajectories = 10;

  @Option(names = "--levels", description = "Morris grid levels, even (default: ${DEFAULT-VALUE})")
  int levels = 4;

  @Option(names = "--samples", description = "Sobol base samples N; N (factors + 2) runs (default: ${DEFAULT-VALUE})")
  int samples = 64;

  @Option(names = "--out", description = "folder for sweep.csv (one row per run) and sensitivity.csv")
  Path out;

  @Mixin BatchOptions batch;

  static final List<String> DEFAULT_OUTPUTS = List.of("arrived_south_korea:2001-2011", "arrived_south_korea:2012-2030",
      "repatriated:2012-2030", "hiding_in_china@2012");

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    boolean gridGiven = !grid.isEmpty() || sweepFile != null;
    if (gridGiven == (sensitivity != null)) {
      throw new InvalidInputException("sweep", 0, "", "give a grid (--grid or --sweep-file) or --sensitivity morris|sobol, one of the two");
    }
    if (runs < 1) throw new InvalidInputException("--runs", 0, "", "must be at least 1, got " + runs);
    List<Measure> measures = (outputs.isEmpty() ? DEFAULT_OUTPUTS : outputs).stream()
        .map(o -> Measure.parse(o, "--output")).toList();
    Scenario s = Tumen.load(scenario);
    s.parameters().withOverrides(batch.set, "--set");
    long seed = batch.seed != null ? batch.seed : s.seed();
    String path = BatchOptions.taskPath(scenario);

    List<RunTask> tasks;
    SensitivityDesign design = null;
    if (sensitivity == null) {
      SweepGrid g = sweepFile != null ? SweepGrid.read(sweepFile) : SweepGrid.parse(grid, "--grid");
      if (sweepFile != null && !grid.isEmpty()) {
        throw new InvalidInputException("--grid", 0, "", "give --grid or --sweep-file, not both");
      }
      g.check(s.parameters(), sweepFile != null ? sweepFile.toString() : "--grid");
      tasks = g.tasks(path, runs, seed, batch.set);
      w.printf("Sweep of %s: %d grid points x %d runs = %d runs.%n", scenario, g.size(), runs, tasks.size());
    } else {
      List<SensitivityDesign.Factor> f = SensitivityDesign.calibratedFactors(s.parameters(), factors, "--factors");
      if (f.isEmpty()) throw new InvalidInputException(scenario.toString(), 0, "", "has no calibrated parameters to vary");
      design = switch (sensitivity) {
        case morris -> {
          if (levels < 2 || levels % 2 != 0) throw new InvalidInputException("--levels", 0, "", "must be even and at least 2");
          if (trajectories < 2) throw new InvalidInputException("--trajectories", 0, "", "must be at least 2");
          yield Morris.design(f, trajectories, levels, seed);
        }
        case sobol -> {
          if (samples < 2) throw new InvalidInputException("--samples", 0, "", "must be at least 2");
          yield Sobol.design(f, samples);
        }
      };
      tasks = design.tasks(path, seed, batch.set);
      w.printf("%s sensitivity of %s over %d calibrated parameters: %d runs.%n", sensitivity, measures.get(0).label(),
          f.size(), tasks.size());
    }

    BatchOptions.Executed e = batch.execute(tasks, "sweep " + s.name());
    List<String> parameterNames = tasks.get(0).parameters().keySet().stream().toList();
    double[][] values = new double[measures.size()][];
    for (int m = 0; m < measures.size(); m++) values[m] = measures.get(m).of(e.summaries());

    if (design == null) {
      w.print(pointTable(e.summaries(), parameterNames, measures, values, runs));
    } else {
      w.print(sensitivityTable(design, values[0], measures.get(0)));
    }
    w.println(e.timing());
    if (out != null) {
      Text.write(out.resolve("sweep.csv"), runsCsv(e.summaries(), parameterNames, measures, values));
      w.println("Wrote " + out.resolve("sweep.csv"));
      if (design != null) {
        Text.write(out.resolve("sensitivity.csv"), sensitivityCsv(design, values[0], measures.get(0)));
        w.println("Wrote " + out.resolve("sensitivity.csv"));
      }
    }
    batch.record(Kind.SWEEP, Map.of(path, s.contentHash()), e, w);
    w.flush();
    return 0;
  }

  /** One row per grid point: its parameter values and each measure's mean (and 90% range over its runs). */
  static String pointTable(List<RunSummary> runs, List<String> names, List<Measure> measures, double[][] values, int perPoint) {
    StringBuilder s = new StringBuilder();
    for (String n : names) s.append(String.format(Locale.ROOT, "%-26s ", n));
    for (Measure m : measures) s.append(String.format(Locale.ROOT, "%30s ", m.label()));
    s.append('\n');
    for (int p = 0; p * perPoint < runs.size(); p++) {
      RunSummary first = runs.get(p * perPoint);
      for (String n : names) s.append(String.format(Locale.ROOT, "%-26s ", Text.num(first.parameters().get(n))));
      for (int m = 0; m < measures.size(); m++) {
        double[] v = java.util.Arrays.copyOfRange(values[m], p * perPoint, (p + 1) * perPoint);
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        String cell = perPoint == 1 ? Text.num(mean)
            : Text.num(mean) + " [" + Text.num(Bands.quantile(v, 0.05)) + ", " + Text.num(Bands.quantile(v, 0.95)) + "]";
        s.append(String.format(Locale.ROOT, "%30s ", cell));
      }
      s.append('\n');
    }
    if (perPoint > 1) s.append("Cells: mean over the point's runs [5th, 95th percentile].\n");
    return s.toString();
  }

  static String sensitivityTable(SensitivityDesign d, double[] y, Measure m) {
    StringBuilder s = new StringBuilder();
    if (d instanceof Morris.Design md) {
      s.append("Morris elementary effects on ").append(m.label())
          .append(" (per whole prior range; mu* = mean |effect|, ranked by mu*)\n");
      s.append(String.format(Locale.ROOT, "%-36s %14s %14s %14s%n", "parameter", "mu*", "mu", "sigma"));
      Morris.indices(md, y).stream().sorted(Comparator.comparingDouble(Morris.Index::muStar).reversed())
          .forEach(i -> s.append(String.format(Locale.ROOT, "%-36s %14s %14s %14s%n", i.factor(), Text.num(i.muStar()),
              Text.num(i.mu()), Text.num(i.sigma()))));
    } else if (d instanceof Sobol.Design sd) {
      s.append("Sobol indices of ").append(m.label()).append(" (shares of its variance; ranked by total order)\n");
      s.append(String.format(Locale.ROOT, "%-36s %12s %12s%n", "parameter", "first", "total"));
      Sobol.indices(sd, y).stream().sorted(Comparator.comparingDouble(Sobol.Index::total).reversed())
          .forEach(i -> s.append(String.format(Locale.ROOT, "%-36s %12.3f %12.3f%n", i.factor(), i.first(), i.total())));
    }
    return s.toString();
  }

  static String sensitivityCsv(SensitivityDesign d, double[] y, Measure m) {
    StringBuilder s = new StringBuilder();
    if (d instanceof Morris.Design md) {
      s.append("output,parameter,mu_star,mu,sigma,effects\n");
      for (Morris.Index i : Morris.indices(md, y)) {
        s.append(m.label()).append(',').append(i.factor()).append(',').append(Text.csv(i.muStar())).append(',')
            .append(Text.csv(i.mu())).append(',').append(Text.csv(i.sigma())).append(',').append(i.effects()).append('\n');
      }
    } else if (d instanceof Sobol.Design sd) {
      s.append("output,parameter,first_order,total_order\n");
      for (Sobol.Index i : Sobol.indices(sd, y)) {
        s.append(m.label()).append(',').append(i.factor()).append(',').append(Text.csv(i.first())).append(',')
            .append(Text.csv(i.total())).append('\n');
      }
    }
    return s.toString();
  }

  static String runsCsv(List<RunSummary> runs, List<String> names, List<Measure> measures, double[][] values) {
    StringBuilder s = new StringBuilder("run,point,seed");
    for (String n : names) s.append(',').append(n);
    for (Measure m : measures) s.append(',').append(m.label());
    s.append('\n');
    for (int r = 0; r < runs.size(); r++) {
      RunSummary x = runs.get(r);
      s.append(x.index()).append(',').append(x.draw()).append(',').append(x.seed());
      for (String n : names) s.append(',').append(Text.csv(x.parameters().get(n)));
      for (double[] v : values) s.append(',').append(Text.csv(v[r]));
      s.append('\n');
    }
    return s.toString();
  }
}
