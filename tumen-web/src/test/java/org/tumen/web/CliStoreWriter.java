package org.tumen.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.scenario.Scenario;
import org.tumen.store.BatchMeta;
import org.tumen.store.Kind;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunMeta;

/**
 * A separate process that records into the results store as the command line does ({@code tumen ensemble}
 * and {@code tumen run} on the batch branch): real simulations, one {@code recordBatch} per ensemble and one
 * {@code recordRun} per single run. {@code STORE SCENARIO_DIR N}: N ensembles of 3 runs, each followed by a
 * single run; prints each recorded id on its own line.
 */
public final class CliStoreWriter {
  public static void main(String[] args) {
    ResultsStore store = new ResultsStore(Path.of(args[0]));
    Scenario s = Tumen.load(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    for (int i = 0; i < n; i++) {
      List<RunTask> tasks = new ArrayList<>();
      for (int k = 0; k < 3; k++) tasks.add(new RunTask(k, args[1], 100L * i + k, -1, Map.of()));
      LocalExecutor executor = new LocalExecutor(1);
      long t0 = System.nanoTime();
      List<RunSummary> runs = executor.execute(tasks, Simulation::runTask, null);
      long batch = store.recordBatch(new BatchMeta(Kind.ENSEMBLE, Tumen.VERSION, Map.of(args[1], s.contentHash()),
          executor.describe(), 1, (System.nanoTime() - t0) / 1e9, "cli " + i), runs);
      System.out.println(batch);
      RunSummary one = Simulation.runTask(new RunTask(0, args[1], 7000L + i, -1, Map.of()));
      System.out.println(store.recordRun(new RunMeta(Tumen.VERSION, s.contentHash(), 1, "cli single " + i), one));
      System.out.flush();
    }
  }
}
