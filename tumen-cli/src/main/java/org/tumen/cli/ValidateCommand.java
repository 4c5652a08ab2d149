package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.PosteriorPredictive;
import org.tumen.calibration.Validation;
import org.tumen.report.Observed;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "Posterior predictive check against the observed record 1996-2011:"
    + " intervals, coverage, MAPE, ARD, female share and the hidden-population estimates.")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (calibrated: with a posterior)")
  Path scenario;

  @Mixin
  PosteriorDraws options = new PosteriorDraws();

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    long drawSeed = options.seed(s);
    PosteriorPredictive.Ensemble e = options.run(s, "validate");
    Observed obs = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    System.out.print(Validation.of(e, obs, drawSeed).text());
    System.out.printf("(tumen validate %s --draws %d --seed %d)%n", scenario, options.draws, drawSeed);
    return 0;
  }
}
