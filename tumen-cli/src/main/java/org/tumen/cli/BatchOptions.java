package org.tumen.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.BatchExecutorFactory;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.scenario.InvalidInputException;
import org.tumen.store.BatchMeta;
import org.tumen.store.Kind;
import org.tumen.store.ResultsStore;
import picocli.CommandLine.Option;

/**
 * What every batch command (ensemble, compare, sweep) shares: where the runs execute, fixed parameter
 * overrides, and the results store. Runs are single-threaded; a batch runs {@code --threads} of them at once.
 */
final class BatchOptions {
  @Option(names = "--seed", description = "seed of the first run; run i has seed + i (default: the scenario's)")
  Long seed;

  @Option(names = "--threads", description = "runs at a time on this machine (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--spark", paramLabel = "MASTER", description = "run on Apache Spark: local[2], local[*], spark://host:7077, ... (needs the tumen-spark module: mvn -Pspark -DskipTests package)")
  String spark;

  @Option(names = "--set", paramLabel = "NAME=VALUE", description = "fix a parameter for every run, e.g. --set unhcr.access_probability=0.8 (repeatable)")
  Map<String, Double> set = new LinkedHashMap<>();

  @Option(names = "--store", paramLabel = "FILE", description = "results store (default: $TUMEN_STORE or ./tumen-runs.duckdb)")
  Path store;

  @Option(names = "--no-store", description = "do not record the batch in the results store")
  boolean noStore;

  @Option(names = "--note", description = "free text recorded with the batch")
  String note;

  /** The executor the options ask for; the caller closes it. */
  BatchExecutor executor() {
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1, got " + threads);
    if (spark == null) return new LocalExecutor(threads);
    try {
      return BatchExecutorFactory.forSpark(spark, threads);
    } catch (IllegalStateException e) {
      throw new InvalidInputException("--spark", 0, spark, e.getMessage());
    }
  }

  /** Runs the tasks with a progress bar and returns the summaries (task order) and the wall time. */
  Executed execute(List<RunTask> tasks, String what) {
    try (BatchExecutor executor = executor(); Progress bar = Progress.of(what, tasks.size())) {
      long t0 = System.nanoTime();
      List<RunSummary> summaries = executor.execute(tasks, Simulation::runTask, (done, total) -> bar.step(done));
      return new Executed(summaries, (System.nanoTime() - t0) / 1e9, executor.describe());
    }
  }

  /** A finished batch. */
  record Executed(List<RunSummary> summaries, double wallSeconds, String executor) {
    double runsPerSecond() {
      return summaries.size() / wallSeconds;
    }

    String timing() {
      return String.format(Locale.ROOT, "%d runs in %.1f s on %s: %.2f runs/s", summaries.size(), wallSeconds,
          executor, runsPerSecond());
    }
  }

  /** Records the batch in the store unless told not to; prints where it went. Returns its id, or -1. */
  long record(Kind kind, Map<String, String> scenarioHashes, Executed e, PrintWriter out) {
    if (noStore) return -1;
    ResultsStore rs = new ResultsStore(store != null ? store : ResultsStore.defaultPath());
    long id = rs.recordBatch(new BatchMeta(kind, Tumen.VERSION, scenarioHashes, e.executor(), 1, e.wallSeconds(), note),
        e.summaries());
    out.printf("Recorded as %s %d in %s (tumen runs show %d).%n", kind.label(), id, rs.file(), id);
    return id;
  }

  /** A scenario path as tasks carry it: absolute, so that executors in other working directories find it. */
  static String taskPath(Path scenario) {
    return scenario.toAbsolutePath().normalize().toString();
  }
}
