package org.tumen.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tumen.batch.LocalExecutor;
import org.tumen.calibration.ReferenceTable;
import org.tumen.calibration.RegressionAbc;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Option;

/**
 * What abc, sbc and backtest share: the reference table of prior simulations they all analyse (docs/FORECASTING.md).
 * Each command simulates the rows still missing first, so each is one command; a stopped build resumes.
 */
final class TableOptions {
  @Option(names = "--table", paramLabel = "DIR", description = "folder of the reference table (default: calibration/<scenario name>/table)")
  Path table;

  @Option(names = "--size", description = "rows in the reference table, rounded up to whole chunks (default: ${DEFAULT-VALUE})")
  int size = 10_000;

  @Option(names = "--chunk", description = "rows per table file; a stop loses at most one chunk (default: ${DEFAULT-VALUE})")
  int chunk = 100;

  @Option(names = "--only", split = ",", description = "vary only the calibrate parameters matching these patterns ('*' is a wildcard);"
      + " the others keep their scenario values (default: all)")
  List<String> only = List.of();

  @Option(names = "--threads", description = "simulations at once (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--seed", description = "seed of the table (default: the scenario's)")
  Long seed;

  @Option(names = "--max-events", description = "a table run with more events is cut and keeps no series (default: ${DEFAULT-VALUE})")
  long maxEvents = ReferenceTable.MAX_EVENTS;

  @Option(names = "--accept", description = "rows accepted by the ABC (default: 0.03 x the usable rows, at least 300, at most half of them)")
  Integer accept;

  @Option(names = "--train", description = "rows of the pilot region the semi-automatic summaries are fitted on (default: 0.4 x the usable"
      + " rows, at least 2 x --accept)")
  Integer train;

  @Option(names = "--min-r2", description = "a parameter is estimated when its summary regression explains this share of its variance"
      + " (default: ${DEFAULT-VALUE})")
  double minR2 = 0.1;

  /** The analysis settings for a table with this many usable rows. */
  RegressionAbc.Settings settings(int usable) {
    // At least 300 when the table allows: with about 25 estimated parameters, SBC on a 1,200-row table covered
    // 67-77% with 90% intervals at 100 accepted rows, 79-87% at 200 and 78-89% at 300 (the regression adjustment
    // overfits when the accepted rows are not many times the parameters it adjusts; docs/FORECASTING.md).
    int a = accept != null ? accept : Math.min(usable / 2, Math.max(300, (int) Math.round(0.03 * usable)));
    int t = train != null ? train : Math.min(usable, Math.max(2 * a, (int) Math.round(0.4 * usable)));
    try {
      return new RegressionAbc.Settings(a, t, minR2);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("options", 0, "", e.getMessage());
    }
  }

  static int usable(ReferenceTable t) {
    int n = 0;
    for (int i = 0; i < t.size(); i++) if (!t.cut(i)) n++;
    return n;
  }

  Path dir(Scenario s) {
    return table != null ? table : Path.of("calibration", s.name(), "table");
  }

  /** Simulates what is missing (progress bar and ETA on a terminal), then reads the table. */
  ReferenceTable build(Scenario s) {
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1, got " + threads);
    ReferenceTable.Settings settings;
    try {
      settings = new ReferenceTable.Settings(size, chunk, seed != null ? seed : s.seed(), maxEvents);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("options", 0, "", e.getMessage());
    }
    Path dir = dir(s);
    long t0 = System.nanoTime();
    int[] fresh = new int[2];
    Progress[] bar = new Progress[1];
    try {
      ReferenceTable t = ReferenceTable.build(s, only, dir, settings, new LocalExecutor(threads), new ReferenceTable.Listener() {
        @Override
        public void started(int done, int wanted) {
          fresh[0] = done;
          if (done < wanted) {
            System.out.printf(Locale.ROOT, "Reference table %s: %,d of %,d rows on file; simulating %,d (prior draws, runs to the"
                + " last year the record reads, %d at once)%n", dir, done, wanted, wanted - done, threads);
          }
          bar[0] = Progress.of("table", wanted, done);
        }

        @Override
        public void rowsDone(int done, int wanted) {
          bar[0].step(done);
          fresh[1] = done;
        }
      }, () -> false);
      bar[0].close();
      double wall = (System.nanoTime() - t0) / 1e9;
      int simulated = Math.max(0, fresh[1] - fresh[0]);
      if (simulated > 0) {
        System.out.printf(Locale.ROOT, "Simulated %,d rows in %.0f s (%.2f simulations/s)%n", simulated, wall, simulated / wall);
      }
      return t;
    } finally {
      if (bar[0] != null) bar[0].close();
    }
  }
}
