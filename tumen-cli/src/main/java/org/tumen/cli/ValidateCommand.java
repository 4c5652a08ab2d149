package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.batch.LocalExecutor;
import org.tumen.calibration.PosteriorPredictive;
import org.tumen.calibration.Validation;
import org.tumen.report.Observed;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, description = {"Posterior predictive check against the observed record 1996-2011:",
    "intervals, coverage, MAPE, ARD, female share and the hidden-population estimates."})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (calibrated: with a posterior)")
  Path scenario;

  @Option(names = "--draws", description = "posterior draws, one run each (default: ${DEFAULT-VALUE})")
  int draws = 100;

  @Option(names = "--threads", description = "runs at once (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--seed", description = "random seed of the draws (default: the scenario's)")
  Long seed;

  @Override
  public Integer call() {
    if (draws < 2) throw new InvalidInputException("--draws", 0, "", "must be at least 2");
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1");
    Scenario s = Tumen.load(scenario);
    long drawSeed = seed != null ? seed : s.seed();
    if (s.posterior() == null) System.out.println("Note: " + scenario + " has no posterior; the draws differ only in their seeds.");
    PosteriorPredictive.Ensemble e;
    try (Progress bar = Progress.of("validate", draws)) {
      e = PosteriorPredictive.run(s, draws, drawSeed, new LocalExecutor(threads), (done, total) -> bar.step(done));
    }
    Observed obs = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    System.out.print(Validation.of(e, obs).text());
    System.out.printf("(tumen validate %s --draws %d --seed %d)%n", scenario, draws, drawSeed);
    return 0;
  }
}
