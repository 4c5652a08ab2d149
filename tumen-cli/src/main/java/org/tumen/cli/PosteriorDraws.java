package org.tumen.cli;

import org.tumen.batch.LocalExecutor;
import org.tumen.calibration.PosteriorPredictive;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Option;

/** The options validate and forecast share: how many posterior draws, with which seed, on how many threads. */
final class PosteriorDraws {
  @Option(names = "--draws", description = "posterior draws, one run each (default: ${DEFAULT-VALUE})")
  int draws = 100;

  @Option(names = "--threads", description = "runs at once (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--seed", description = "random seed of the draws (default: the scenario's)")
  Long seed;

  long seed(Scenario s) {
    return seed != null ? seed : s.seed();
  }

  /** Checks the options, then runs the draws with a progress bar. */
  PosteriorPredictive.Ensemble run(Scenario s, String task) {
    if (draws < 2) throw new InvalidInputException("--draws", 0, "", "must be at least 2");
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1");
    if (s.posterior() == null) System.out.println("Note: " + s.dir() + " has no posterior; the draws differ only in their seeds.");
    try (Progress bar = Progress.of(task, draws)) {
      return PosteriorPredictive.run(s, draws, seed(s), new LocalExecutor(threads), (done, total) -> bar.step(done));
    }
  }
}
