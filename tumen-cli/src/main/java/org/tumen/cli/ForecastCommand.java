package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.Forecast;
import org.tumen.calibration.PosteriorPredictive;
import org.tumen.report.Observed;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forecast", mixinStandardHelpOptions = true, description = "Posterior predictive forecast over the scenario's period: arrivals, people hiding"
    + " in China, repatriations and sentences with 50%% and 90%% intervals; writes forecast.csv and forecast.svg.")
final class ForecastCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (calibrated: with a posterior)")
  Path scenario;

  @Option(names = "--out", description = "output folder (default: forecast/<scenario name>)")
  Path out;

  @Mixin
  PosteriorDraws options = new PosteriorDraws();

  @Override
  public Integer call() {
    Scenario s = Tumen.load(scenario);
    long drawSeed = options.seed(s);
    Path dir = out != null ? out : Path.of("forecast", s.name());
    PosteriorPredictive.Ensemble e = options.run(s, "forecast");
    Observed obs = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    Forecast f = Forecast.of(e, obs, drawSeed);
    f.write(dir, obs, "Tumen " + s.name() + ": posterior predictive " + e.firstYear() + "-" + e.lastYear() + " (seed " + drawSeed + ")");
    System.out.print(f.hiddenText(1995, 2030));
    System.out.println("Wrote " + dir.resolve("forecast.csv") + " and " + dir.resolve("forecast.svg"));
    return 0;
  }
}
