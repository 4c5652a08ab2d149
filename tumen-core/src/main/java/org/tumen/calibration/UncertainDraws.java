package org.tumen.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tumen.batch.RunTask;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Posterior;

/**
 * Parameter draws for posterior-predictive runs in which every number the data cannot pin down travels as a
 * distribution. Each parameter with a {@code calibrate} prior is, in every draw, either
 * <ul>
 *   <li><b>calibrated</b>: taken from a posterior row (drawn by weight), when the posterior has it;
 *   <li><b>prior-only</b>: drawn from its own prior, when the calibration did not estimate it (the dated effects
 *       after 2011, for instance, which no outcome in the record can inform);
 *   <li><b>fixed</b>: set on purpose ({@code --set}, a dashboard lever), the same in every draw.
 * </ul>
 * Parameters without a prior keep their cited values. Draw d's choices come from streams keyed by (seed, d),
 * so runs are the same at any thread count.
 *
 * <p><b>Variance decomposition</b> ({@link #decompositionTasks}): three runs per draw, A = (calibrated c,
 * prior-only p, seed s), B = (c, p, s'), C = (c, p', s''), with p' a second prior draw. Then, by the law of total
 * variance, Var Y = Var E[Y|c] + E Var(E[Y|c,p] | c) + E Var(Y|c,p), three shares that add up to one, estimated
 * by Cov(A, C) (what A and C share is c), Cov(A, B) - Cov(A, C) (what A and B share beyond c is p), and
 * Var Y - Cov(A, B) (chance), over the pooled variance of all runs (the pick-freeze estimators of Sobol'
 * indices for groups of inputs: Saltelli et al. 2010, Comput. Phys. Commun. 181:259). Each share has Monte
 * Carlo error of roughly 1/sqrt(draws); a small negative estimate is that error.
 */
public final class UncertainDraws {
  private static final long STREAM_DRAW = 501, STREAM_PRIOR = 502;

  /** Which group a parameter is in. */
  public enum Group { CALIBRATED, PRIOR_ONLY, FIXED }

  private final Posterior posterior;
  private final Map<String, Parameter> priorOnly = new LinkedHashMap<>();
  private final Map<String, Double> fixed;
  private final List<String> calibrated = new ArrayList<>();

  /**
   * @param parameters the scenario's parameters (with their priors)
   * @param posterior the calibration's posterior, or null (then every prior parameter is prior-only)
   * @param fixed values set on purpose
   */
  public UncertainDraws(ParameterSet parameters, Posterior posterior, Map<String, Double> fixed) {
    this.posterior = posterior;
    this.fixed = new TreeMap<>(fixed);
    if (posterior != null) for (String n : posterior.names()) if (!fixed.containsKey(n)) calibrated.add(n);
    for (Parameter p : parameters.calibrated()) {
      if (fixed.containsKey(p.name()) || (posterior != null && posterior.names().contains(p.name()))) continue;
      priorOnly.put(p.name(), p);
    }
  }

  public Group group(String name) {
    if (fixed.containsKey(name)) return Group.FIXED;
    if (calibrated.contains(name)) return Group.CALIBRATED;
    return priorOnly.containsKey(name) ? Group.PRIOR_ONLY : null;
  }

  public List<String> calibrated() {
    return List.copyOf(calibrated);
  }

  public List<String> priorOnly() {
    return List.copyOf(priorOnly.keySet());
  }

  /** Draw d: a posterior row by weight, prior draws (the {@code alternative}-th set of them), the fixed values. */
  public Map<String, Double> draw(long seed, int d, int alternative) {
    Map<String, Double> m = new TreeMap<>();
    RandomStream rng = new RandomStream(seed, STREAM_DRAW, d, 0);
    if (posterior != null) {
      Map<String, Double> row = posterior.particle(Weights.draw(posterior.weights(), rng.nextDouble()));
      for (String n : calibrated) m.put(n, row.get(n));
    }
    RandomStream prior = new RandomStream();
    int j = 0;
    for (Parameter p : priorOnly.values()) {
      m.put(p.name(), p.prior().sample(prior.reset(seed, STREAM_PRIOR, d, (long) alternative * 1_000_003L + j++).nextDouble()));
    }
    m.putAll(fixed);
    return m;
  }

  /** The run seed of draw d's {@code k}-th run (k = 0 the draw's own). */
  public static long runSeed(long seed, int d, int k) {
    return new RandomStream(seed, STREAM_DRAW, d, 1 + k).nextLong();
  }

  /** One run per draw: the posterior predictive with every prior parameter varying. */
  public List<RunTask> tasks(String scenario, int draws, long seed) {
    List<RunTask> t = new ArrayList<>(draws);
    for (int d = 0; d < draws; d++) t.add(new RunTask(d, scenario, runSeed(seed, d, 0), d, draw(seed, d, 0)));
    return t;
  }

  /**
   * Three runs per draw for the variance decomposition: tasks 0..n-1 are A (the ordinary draws, the same as
   * {@link #tasks}), n..2n-1 are B (another seed), 2n..3n-1 are C (other prior-only values and another seed).
   */
  public List<RunTask> decompositionTasks(String scenario, int draws, long seed) {
    List<RunTask> t = new ArrayList<>(tasks(scenario, draws, seed));
    for (int d = 0; d < draws; d++) t.add(new RunTask(draws + d, scenario, runSeed(seed, d, 1), d, draw(seed, d, 0)));
    for (int d = 0; d < draws; d++) t.add(new RunTask(2 * draws + d, scenario, runSeed(seed, d, 2), d, draw(seed, d, 1)));
    return t;
  }
}
