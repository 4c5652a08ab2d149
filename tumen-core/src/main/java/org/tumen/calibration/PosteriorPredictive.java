package org.tumen.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.tumen.Simulation;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Posterior;
import org.tumen.scenario.Scenario;

/**
 * Runs of a scenario with parameters drawn from its posterior: draw d takes a particle chosen by weight
 * and a run seed, both from a stream keyed by (seed, d), so the ensemble is the same at any thread count.
 * A scenario without a posterior runs its own values with different seeds (the stochastic spread only).
 */
public final class PosteriorPredictive {
  private static final long STREAM_DRAW = 201;

  /** Yearly series of every run, by name, indexed from firstYear. */
  public record Ensemble(int firstYear, List<RunSummary> runs) {
    /** The series name of run r. */
    public double[] series(int r, String name) {
      return runs.get(r).series(name);
    }

    /** Quantile (0-1) across runs of series {@code name} in {@code year}. */
    public double quantile(String name, int year, double q) {
      double[] v = values(name, year);
      return quantile(v, q);
    }

    public double[] values(String name, int year) {
      double[] v = new double[runs.size()];
      for (int r = 0; r < v.length; r++) v[r] = runs.get(r).value(name, year);
      return v;
    }

    public int lastYear() {
      return firstYear + runs.get(0).series("arrived_south_korea").length - 1;
    }

    /** Hipparchus's default estimator; a quantile of 0 or 1 values is the value itself or NaN. */
    public static double quantile(double[] v, double q) {
      if (v.length == 0) return Double.NaN;
      return new Percentile().evaluate(v, Math.max(1e-9, Math.min(100, 100 * q)));
    }
  }

  private PosteriorPredictive() {}

  /** The tasks: which particle and seed each draw runs. */
  public static List<RunTask> tasks(Scenario s, int draws, long seed) {
    Posterior post = s.posterior();
    List<RunTask> tasks = new ArrayList<>(draws);
    RandomStream rng = new RandomStream();
    for (int d = 0; d < draws; d++) {
      rng.reset(seed, STREAM_DRAW, d, 0);
      int particle = post == null ? -1 : Weights.draw(post.weights(), rng.nextDouble());
      Map<String, Double> p = post == null ? Map.of() : post.particle(particle);
      tasks.add(new RunTask(d, s.dir().toString(), rng.nextLong(), particle, p));
    }
    return tasks;
  }

  public static Ensemble run(Scenario s, int draws, long seed, BatchExecutor executor, BatchExecutor.Progress progress) {
    List<RunSummary> runs = executor.execute(tasks(s, draws, seed),
        task -> Simulation.summarize(task, Simulation.run(s, Simulation.Options.of(task.seed(), 1).withOverrides(task.parameters()))),
        progress);
    return new Ensemble(runs.get(0).firstYear(), runs);
  }
}
