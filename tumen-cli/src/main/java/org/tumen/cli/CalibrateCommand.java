package org.tumen.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tumen.Tumen;
import org.tumen.calibration.AbcSmc;
import org.tumen.calibration.Calibration;
import org.tumen.calibration.ParameterSpace;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "calibrate", mixinStandardHelpOptions = true, description = {"Estimate the scenario's calibrate parameters from the observed record by ABC-SMC"
    + " (docs/CALIBRATION.md).", "Stopped runs resume: rerun the same command."})
final class CalibrateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "a scenario folder (with scenario.yaml)")
  Path scenario;

  @Option(names = "--out", description = "output folder: checkpoint.json, posterior.csv, diagnostics.csv (default: calibration/<scenario name>)")
  Path out;

  @Option(names = "--particles", description = "population size N (default: ${DEFAULT-VALUE})")
  int particles = 100;

  @Option(names = "--alpha", description = "share of particles dropped and replenished each generation (default: ${DEFAULT-VALUE})")
  double alpha = 0.5;

  @Option(names = "--generations", description = "at most this many generations, counting the prior one (default: ${DEFAULT-VALUE})")
  int generations = 40;

  @Option(names = "--budget", description = "stop after about this many simulations (default: ${DEFAULT-VALUE}); raise it to continue a run")
  long budget = 3000;

  @Option(names = "--replicates", description = "stochastic runs per particle (default: ${DEFAULT-VALUE})")
  int replicates = 1;

  @Option(names = "--min-acceptance", description = "stop after a generation whose MCMC acceptance rate is below this (default: ${DEFAULT-VALUE})")
  double minAcceptance = 0.02;

  @Option(names = "--max-steps", description = "at most this many MCMC steps per generation (default: ${DEFAULT-VALUE})")
  int maxSteps = 8;

  @Option(names = "--unmoved", description = "c: the chance a replenished particle never moves, which sets the steps per generation (default: ${DEFAULT-VALUE})")
  double unmoved = 0.1;

  @Option(names = "--proposal-scale", description = "MCMC proposal covariance as a multiple of the kept particles' covariance"
      + " (default: 2.38^2 / parameters, at most 1)")
  Double scale;

  @Option(names = "--threads", description = "simulations at once (default: ${DEFAULT-VALUE}); results do not depend on it")
  int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

  @Option(names = "--seed", description = "random seed (default: the scenario's)")
  Long seed;

  @Option(names = "--batch", description = "particles simulated between two checkpoints (default: ${DEFAULT-VALUE})")
  int batch = 8;

  @Option(names = "--only", split = ",", description = "calibrate only the parameters matching these patterns ('*' is a wildcard,"
      + " e.g. brokers.*,crossing.base_rate); the others keep their scenario values")
  java.util.List<String> only = java.util.List.of();

  @Option(names = "--start", description = "where generation 0 is drawn: 'scenario' (around the scenario's own values, a pilot point;"
      + " sd --spread x each prior range) or 'prior' (default: ${DEFAULT-VALUE})")
  String start = "scenario";

  @Option(names = "--spread", description = "with --start scenario: sd of generation 0 around the pilot point, as a share of each"
      + " prior range (default: ${DEFAULT-VALUE})")
  double spread = 0.05;

  @Option(names = "--install", negatable = true, description = "also install the posterior in the scenario folder (its"
      + " posterior.csv, which every later run, ensemble and dashboard job of the scenario then uses); without it the"
      + " posterior is only written to --out")
  boolean install;

  @Override
  public Integer call() {
    if (threads < 1) throw new InvalidInputException("--threads", 0, "", "must be at least 1");
    if (!start.equals("scenario") && !start.equals("prior")) {
      throw new InvalidInputException("--start", 0, "", "must be 'scenario' or 'prior', got '" + start + "'");
    }
    Scenario s = Tumen.load(scenario);
    Path dir = out != null ? out : Path.of("calibration", s.name());
    if (!install && dir.toAbsolutePath().normalize().equals(s.dir().toAbsolutePath().normalize())) {
      throw new InvalidInputException("--out", 0, dir.toString(), "is the scenario's own folder, so the posterior written"
          + " there would replace the scenario's; give another folder, and --install to install the result");
    }
    int dimension = ParameterSpace.of(s.parameters(), only).dimension();
    AbcSmc.Settings settings;
    try {
      settings = new AbcSmc.Settings(particles, alpha, replicates, generations, minAcceptance, seed != null ? seed : s.seed(), batch,
          budget, maxSteps, unmoved, scale != null ? scale
              : AbcSmc.Settings.defaultScale(dimension), spread);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("options", 0, "", e.getMessage());
    }
    long t0 = System.nanoTime();
    AbcSmc.State[] result = new AbcSmc.State[1];
    Progress[] bar = new Progress[1];
    try {
      result[0] = Calibration.run(s, dir, settings, threads, only, start.equals("scenario"), install, new AbcSmc.Listener() {
        @Override
        public void started(AbcSmc.State from, long planned) {
          System.out.printf(Locale.ROOT, "Calibrating %s: %d parameters, %d particles, %d replicates, up to %d generations"
              + " (budget %,d simulations), seed %d, %d threads, generation 0 from the %s%n", s.name(), dimension,
              particles, replicates, generations, planned, settings.seed(), threads,
              from.start() != null ? "scenario's values (pilot start)" : "prior");
          if (from.generation() >= 0 || from.pending().length > 0 || from.moving()) {
            System.out.printf("Resuming from %s: generation %d done, %d simulations so far%n", dir.resolve("checkpoint.json"),
                from.generation(), from.simulations());
          }
          bar[0] = Progress.of("calibrate", planned);
          bar[0].step(from.simulations());
        }

        @Override
        public void simulations(long total) {
          bar[0].step(total);
        }

        @Override
        public void generation(AbcSmc.GenerationStats g) {
          System.out.println(String.format(Locale.ROOT, "generation %d: tolerance %.3f, median distance %.3f, MCMC acceptance %.2f"
              + " over %d steps, %d distinct particles, %d simulations (%,d in all)", g.generation(), g.epsilon(), g.medianDistance(),
              g.acceptance(), g.steps(), g.unique(), g.simulations(), g.totalSimulations()));
        }
      }, () -> false);
    } finally {
      if (bar[0] != null) bar[0].close();
    }
    AbcSmc.State st = result[0];
    double wall = st.history().stream().mapToDouble(AbcSmc.GenerationStats::wallSeconds).sum();
    double session = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "Done: %d generations, %,d simulations in %.0f s of simulation time (%.2f simulations/s); this session %.0f s.%n",
        st.generation() + 1, st.simulations(), wall, st.simulations() / Math.max(1e-9, wall), session);
    System.out.println("Wrote " + dir.resolve(Calibration.POSTERIOR) + " and " + dir.resolve(Calibration.DIAGNOSTICS));
    if (install) {
      System.out.println("Installed the posterior in " + scenario.resolve(Calibration.POSTERIOR) + " (scenario.yaml: posterior: "
          + Calibration.POSTERIOR + "); every later run of " + scenario + " uses it.");
    } else {
      System.out.println("The scenario's own posterior is unchanged. To install this one, rerun the same command with"
          + " --install: it resumes from " + dir.resolve("checkpoint.json") + " without new simulations.");
    }
    return 0;
  }
}
