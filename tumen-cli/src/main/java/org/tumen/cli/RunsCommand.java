package org.tumen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tumen.store.Band;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunDetail;
import org.tumen.store.RunRow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The results store from the command line: what has been run, one record in detail, and exports. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and export what the results store holds.",
    subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class})
final class RunsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The --store option every subcommand takes. */
  static final class StoreOption {
    @Option(names = "--store", paramLabel = "FILE", description = "results store (default: $TUMEN_STORE or ./tumen-runs.duckdb)")
    Path store;

    ResultsStore open() {
      return new ResultsStore(store != null ? store : ResultsStore.defaultPath());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Single runs and batches, oldest first.")
  static final class ListRuns implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StoreOption store;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      ResultsStore rs = store.open();
      List<RunRow> rows = rs.list();
      if (rows.isEmpty()) {
        w.println("The results store " + rs.file() + " holds no runs yet.");
      } else {
        w.printf(Locale.ROOT, "%6s  %-10s %-19s %7s %-16s %9s  %s%n", "id", "kind", "created (UTC)", "runs", "executor",
            "wall s", "scenario");
        for (RunRow r : rows) {
          w.printf(Locale.ROOT, "%6d  %-10s %-19s %7d %-16s %9.1f  %s%s%n", r.id(), r.kind().label(),
              r.created().withNano(0).toString().replace('T', ' '), Math.max(1, r.members()),
              r.executor() == null ? "-" : r.executor(), r.wallSeconds(), r.scenario(),
              r.note() == null ? "" : "  (" + r.note() + ")");
        }
      }
      w.flush();
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One run or batch: where it came from, its parameters, and its series or bands.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StoreOption store;

    @Parameters(index = "0", paramLabel = "ID", description = "an id from `tumen runs list`")
    long id;

    @Option(names = "--series", split = ",", description = "series to show (default: ${DEFAULT-VALUE})")
    List<String> series = EnsembleCommand.KEY_SERIES;

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      RunDetail d = store.open().show(id);
      RunRow r = d.run();
      w.printf(Locale.ROOT, "%s %d, recorded %s UTC by tumen %s%n", r.kind().label(), r.id(), r.created().withNano(0),
          r.toolVersion());
      w.println("scenario:  " + r.scenario() + (r.scenarioHash() == null ? "" : "  (sha256 " + r.scenarioHash() + ")"));
      if (r.parentId() != null) w.println("member " + r.batchIndex() + " of batch " + r.parentId());
      if (r.seed() != null) w.println("seed:      " + r.seed() + (r.draw() != null && r.draw() >= 0 ? ", draw " + r.draw() : ""));
      if (r.members() > 0) w.println("runs:      " + r.members() + " (their ids follow this one; executor " + r.executor() + ")");
      w.printf(Locale.ROOT, "wall time: %.1f s, %,d agent-days%n", r.wallSeconds(), r.agentDays());
      if (r.note() != null) w.println("note:      " + r.note());
      if (!d.parameters().isEmpty()) {
        w.println("parameters set for this run:");
        d.parameters().forEach((k, v) -> w.println("  " + k + " = " + Text.num(v)));
      }
      if (!d.yearly().isEmpty()) {
        w.printf(Locale.ROOT, "%-6s", "year");
        for (String s : series) w.printf(Locale.ROOT, " %20s", s);
        w.println();
        int years = d.yearly().values().iterator().next().length;
        for (int y = 0; y < years; y++) {
          w.printf(Locale.ROOT, "%-6d", d.firstYear() + y);
          for (String s : series) {
            double[] v = d.yearly().get(s);
            w.printf(Locale.ROOT, " %20s", v == null || y >= v.length ? "-" : Text.num(v[y]));
          }
          w.println();
        }
      }
      if (!d.bands().isEmpty()) {
        for (String scenario : d.bands().stream().map(Band::scenario).distinct().toList()) {
          w.println("bands for " + scenario + ": median (5%-95%)");
          w.printf(Locale.ROOT, "%-6s", "year");
          for (String s : series) w.printf(Locale.ROOT, " %27s", s);
          w.println();
          List<Integer> years = d.bands().stream().map(Band::year).distinct().sorted().toList();
          for (int y : years) {
            w.printf(Locale.ROOT, "%-6d", y);
            for (String s : series) {
              Band b = d.bands().stream().filter(x -> x.scenario().equals(scenario) && x.series().equals(s) && x.year() == y)
                  .findFirst().orElse(null);
              w.printf(Locale.ROOT, " %27s", b == null ? "-"
                  : Text.num(b.p50()) + " (" + Text.num(b.p05()) + "-" + Text.num(b.p95()) + ")");
            }
            w.println();
          }
        }
      }
      w.flush();
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the store's tables (runs, parameters, yearly, bands) as Parquet or CSV files.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin StoreOption store;

    @ArgGroup(exclusive = true, multiplicity = "1") Format format;

    static final class Format {
      @Option(names = "--parquet", paramLabel = "DIR", description = "folder for runs.parquet, parameters.parquet, ...") Path parquet;
      @Option(names = "--csv", paramLabel = "DIR", description = "folder for runs.csv, parameters.csv, ...") Path csv;
    }

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      ResultsStore rs = store.open();
      List<Path> written = format.parquet != null ? rs.exportParquet(format.parquet) : rs.exportCsv(format.csv);
      for (Path p : written) w.println("Wrote " + p);
      w.flush();
      return 0;
    }
  }
}
