package org.tumen.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.batch.LocalExecutor;
import org.tumen.calibration.Forecast;
import org.tumen.calibration.PosteriorPredictive;
import org.tumen.report.Observed;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forecast", mixinStandardHelpOptions = true, description = {"Posterior predictive forecast over the scenario's period: arrivals, people hiding",
    "in China, repatriations and sentences with 50% and 90% intervals; writes forecast.csv and forecast.svg."})
final class ForecastCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (calibrated: with a posterior)")
  Path scenario;

  @Option(names = "--out", description = "output folder (default: forecast/<scenario name>)")
  Path out;

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
    Path dir = out != null ? out : Path.of("forecast", s.name());
    if (s.posterior() == null) System.out.println("Note: " + scenario + " has no posterior; the draws differ only in their seeds.");
    PosteriorPredictive.Ensemble e;
    try (Progress bar = Progress.of("forecast", draws)) {
      e = PosteriorPredictive.run(s, draws, drawSeed, new LocalExecutor(threads), (done, total) -> bar.step(done));
    }
    Observed obs = Observed.read(s.observed().get("arrivals"), s.observed().get("hidden"));
    Forecast f = Forecast.of(e);
    f.write(dir, obs, "Tumen " + s.name() + ": posterior predictive " + e.firstYear() + "-" + e.lastYear() + " (seed " + drawSeed + ")");
    System.out.print(f.hiddenText(1995, 2030));
    System.out.println("Wrote " + dir.resolve("forecast.csv") + " and " + dir.resolve("forecast.svg"));
    return 0;
  }
}
