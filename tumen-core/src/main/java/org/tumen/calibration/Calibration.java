package org.tumen.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.Map;
import org.tumen.Simulation;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.Engine;
import org.tumen.korea.KoreaTally;
import org.tumen.batch.LocalExecutor;
import org.tumen.report.Observed;
import org.tumen.scenario.Posterior;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.ScenarioLoader;

/**
 * Calibrates a scenario: ABC-SMC ({@link AbcSmc}) over its {@code calibrate} parameters against its observed
 * record, with the scenario loaded once and run on a local thread pool. Writes to the output folder
 * {@code checkpoint.json} (resumable state), {@code posterior.csv} and {@code diagnostics.csv}, and installs
 * the posterior in the scenario folder ({@code posterior.csv}, named by scenario.yaml's {@code posterior:}).
 */
public final class Calibration {
  public static final String POSTERIOR = "posterior.csv", DIAGNOSTICS = "diagnostics.csv";
  /** Events after which a calibration run is cut short (the flagship's own values make about 3.3 million). */
  public static final long MAX_EVENTS = 12_000_000;

  private Calibration() {}

  /**
   * The calibration of the calibrate parameters matching {@code only} (all when empty). With
   * {@code pilotStart}, generation 0 is drawn around the scenario's own values instead of from the prior.
   */
  public static AbcSmc smc(Scenario s, AbcSmc.Settings settings, int threads, List<String> only, boolean pilotStart) {
    return smc(s, settings, threads, only, pilotStart, true);
  }

  /** As above; {@code earlyRejection} false runs every simulation to its end (for tests: same results, slower). */
  static AbcSmc smc(Scenario s, AbcSmc.Settings settings, int threads, List<String> only, boolean pilotStart,
      boolean earlyRejection) {
    Distance distance = new Distance(Observed.read(s.observed().get("arrivals"), s.observed().get("hidden")));
    ParameterSpace space = ParameterSpace.of(s.parameters(), only);
    if (space.dimension() == 0) {
      throw new org.tumen.scenario.InvalidInputException(s.name(), 0, "calibrate", "no calibrate parameter matches " + (only.isEmpty() ? "" : only));
    }
    // Runs stop at the end of the last year the distance reads: the model is causal, so the years read are
    // the same as in a full run, at about half the cost.
    Scenario cut = s.until(LocalDate.of(distance.lastYear(), 12, 31));
    double[] start = null;
    if (pilotStart) {
      // The values written in the scenario, not an installed posterior's: a rerun starts where the first did.
      Scenario written = s.posterior() == null ? s : org.tumen.Tumen.loader().withoutPosteriors().load(s.dir());
      start = new double[space.dimension()];
      for (int j = 0; j < start.length; j++) start[j] = written.parameters().value(space.names().get(j));
    }
    return new AbcSmc(space, distance, settings, s.dir().toString(), inputsHash(s.dir()), new LocalExecutor(threads),
        (task, tolerance) -> simulate(cut, task, distance, earlyRejection ? tolerance : Double.POSITIVE_INFINITY), start);
  }

  /**
   * One calibration run. A run cut short, by the event cap or because it can no longer come within the
   * tolerance, has no series (and so an infinite distance).
   */
  static RunSummary simulate(Scenario s, RunTask task, Distance distance, double tolerance) {
    EventBudget budget = new EventBudget(MAX_EVENTS);
    KoreaTally tally = new KoreaTally();
    EarlyRejection reject = new EarlyRejection(distance, tally, tolerance);
    Simulation.Options o = Simulation.Options.of(task.seed(), 1).withOverrides(task.parameters()).withTally(tally)
        .withHandlers(List.of(budget, reject)).withProgress(null, () -> budget.exceeded() || reject.rejected());
    try {
      return Simulation.summarize(task, Simulation.run(s, o));
    } catch (Engine.Cancelled e) {
      return new RunSummary(task.index(), task.scenario(), task.seed(), task.draw(), task.parameters(), 0, Map.of(), 0, 0);
    }
  }

  /** Runs or resumes, then writes the outputs; returns the final state. */
  public static AbcSmc.State run(Scenario s, Path out, AbcSmc.Settings settings, int threads, List<String> only,
      boolean pilotStart, boolean install, AbcSmc.Listener listener, BooleanSupplier cancelled) {
    AbcSmc smc = smc(s, settings, threads, only, pilotStart);
    AbcSmc.State state = smc.run(new Checkpoint(out), listener, cancelled);
    Posterior posterior = smc.posterior(state);
    posterior.write(out.resolve(POSTERIOR));
    Forecast.writeAtomically(out.resolve(DIAGNOSTICS), diagnostics(state.history()));
    if (install) install(s.dir(), posterior);
    return state;
  }

  public static String diagnostics(List<AbcSmc.GenerationStats> history) {
    StringBuilder b = new StringBuilder("generation,epsilon,acceptance,steps,unique,simulations,total_simulations,wall_seconds,median_distance\n");
    for (AbcSmc.GenerationStats g : history) {
      b.append(String.format(Locale.ROOT, "%d,%.6f,%.4f,%d,%d,%d,%d,%.1f,%.6f%n", g.generation(), g.epsilon(), g.acceptance(), g.steps(), g.unique(),
          g.simulations(), g.totalSimulations(), g.wallSeconds(), g.medianDistance()));
    }
    return b.toString();
  }

  /** Copies the posterior into the scenario folder and names it in scenario.yaml (once). */
  public static void install(Path scenarioDir, Posterior posterior) {
    posterior.write(scenarioDir.resolve(POSTERIOR));
    Path yaml = scenarioDir.resolve(ScenarioLoader.FILE);
    try {
      List<String> lines = Files.readAllLines(yaml, StandardCharsets.UTF_8);
      if (lines.stream().noneMatch(l -> l.startsWith("posterior:"))) {
        String text = Files.readString(yaml, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) text += "\n";
        text += "\n# Calibrated parameter samples (tumen calibrate; docs/CALIBRATION.md). Runs use the particle closest to the observations.\n"
            + "posterior: " + POSTERIOR + "\n";
        Forecast.writeAtomically(yaml, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + yaml, e);
    }
  }

  /**
   * Hash of the scenario's inputs, leaving out the posterior (installing it must not make the checkpoint
   * look stale): every file in the folder except posterior.csv, with scenario.yaml's posterior line removed.
   */
  static String inputsHash(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.equals(POSTERIOR) || name.endsWith(".tmp")) continue;
        md.update(name.getBytes(StandardCharsets.UTF_8));
        if (name.equals(ScenarioLoader.FILE)) {
          for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (!l.startsWith("posterior:") && !l.startsWith("# Calibrated parameter samples")) md.update(l.getBytes(StandardCharsets.UTF_8));
          }
        } else {
          md.update(Files.readAllBytes(p));
        }
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
