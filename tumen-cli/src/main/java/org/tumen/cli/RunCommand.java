package org.tumen.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.engine.EventHandler;
import org.tumen.report.Comparison;
import org.tumen.report.Observed;
import org.tumen.report.RunOutputs;
import org.tumen.scenario.Scenario;
import org.tumen.store.ParquetEventLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a scenario once and compare it with the observed record.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--seed", description = "random seed (default: the scenario's)")
  Long seed;

  @Option(names = "--threads", description = "worker threads (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--out", description = "output folder: manifest.json, yearly.csv, daily.csv, yearly_by_place.csv, ledger.csv, events.parquet")
  Path out;

  @Option(names = "--no-events", description = "do not write events.parquet")
  boolean noEvents;

  @Override
  public Integer call() {
    if (threads < 1) throw new org.tumen.scenario.InvalidInputException("--threads", 0, "", "must be at least 1");
    Scenario s = Tumen.load(scenario);
    long runSeed = seed != null ? seed : s.seed();
    Simulation.Options opts = Simulation.Options.of(runSeed, threads);
    String command = "tumen run " + scenario + " --seed " + runSeed + " --threads " + threads + (out == null ? "" : " --out " + out);
    Simulation.Result[] result = new Simulation.Result[1];
    try (Progress bar = Progress.of("run " + s.name(), s.calendar().days())) {
      Simulation.Options o = opts.withProgress(bar::day, () -> false);
      if (out == null) {
        result[0] = Simulation.run(s, o);
      } else {
        RunOutputs.atomically(out, dir -> {
          List<EventHandler> extra = new ArrayList<>();
          try (ParquetEventLog events = noEvents ? null : new ParquetEventLog(dir.resolve("events.parquet"))) {
            if (events != null) extra.add(events);
            result[0] = Simulation.run(s, o.withHandlers(extra));
          }
          RunOutputs.write(result[0], dir, command);
        });
      }
    }
    Simulation.Result r = result[0];
    Observed obs = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    System.out.print(Comparison.arrivalsTable(r, obs));
    System.out.println();
    System.out.print(Comparison.ledger(r));
    String collapse = Comparison.collapseReport(r);
    if (!collapse.isEmpty()) System.out.print("\n" + collapse);
    System.out.printf("%nRan %s %s-%s in %.2f s (seed %d, %d threads, %,d agent-days simulated).%n", s.name(),
        s.calendar().start(), s.calendar().end(), r.wallSeconds(), runSeed, threads, r.agentDays());
    if (s.posterior() != null) {
      System.out.printf("Calibrated: %d parameters from the posterior's particle closest to the observations (%d particles;"
          + " `tumen validate` and `tumen forecast` use them all).%n", s.posterior().names().size(), s.posterior().size());
    } else {
      System.out.println("Not calibrated: the scenario's own values (no posterior: in scenario.yaml).");
    }
    if (out != null) System.out.println("Wrote " + out);
    return 0;
  }
}
