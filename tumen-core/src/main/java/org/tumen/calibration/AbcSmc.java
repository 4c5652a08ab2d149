package org.tumen.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.TaskRunner;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Posterior;

/**
 * Adaptive population Monte Carlo ABC (APMC; Lenormand, Jabot and Deffuant 2013, "Adaptive approximate
 * Bayesian computation for complex models", Computational Statistics 28:2777), an ABC-SMC (Toni et al. 2009,
 * J. R. Soc. Interface 6:187) built for expensive simulators:
 * <ol>
 *   <li>Generation 0 draws N particles from the prior and keeps the αN closest to the observations.
 *   <li>Each later generation proposes N - αN new particles: an ancestor drawn by weight from those kept,
 *       moved by a normal kernel with twice their weighted covariance (Beaumont et al. 2009). Each new
 *       particle gets the importance weight prior / proposal density.
 *   <li>The tolerance ε is the α-quantile of the distances of the kept and new particles together (a
 *       quantile schedule as in Drovandi and Pettitt 2011, Biometrics 67:225, and Del Moral, Doucet and Jasra
 *       2012, Stat. Comput. 22:1009); the αN particles within ε are kept.
 *   <li>It stops when the share of new particles kept (the acceptance rate) falls below a minimum, or after
 *       a given number of generations.
 * </ol>
 * Every generation costs the same, (N - αN) x R simulations, so a budget in simulations is a budget in time.
 * A particle's distance is the mean of its R replicate distances (an estimate of the expected distance).
 *
 * <p>Deterministic: every random choice comes from a {@link RandomStream} keyed by (seed, generation,
 * particle) and every run seed by (seed, generation, particle, replicate), so the result does not depend on
 * thread count or on being stopped and resumed. State is saved after every batch of simulations.
 */
public final class AbcSmc {
  private static final long STREAM_PROPOSAL = 101, STREAM_RUN_SEED = 102;
  /** The distance given to runs cut short or with no usable output: far, but finite so that it can be saved. */
  public static final double FAR = 1e6;

  /**
   * @param particles N, particles per generation
   * @param alpha share of particles kept each generation (the tolerance quantile)
   * @param replicates R, stochastic runs per particle
   * @param generations at most this many generations, counting generation 0 (raise it to continue a run)
   * @param minAcceptance stop once fewer new particles than this share are kept
   * @param batch particles simulated between two saves
   */
  public record Settings(int particles, double alpha, int replicates, int generations, double minAcceptance, long seed,
      int batch) {
    public Settings {
      if (particles < 4) throw new IllegalArgumentException("at least 4 particles are needed, got " + particles);
      if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
      if (replicates < 1) throw new IllegalArgumentException("at least 1 replicate is needed, got " + replicates);
      if (generations < 1) throw new IllegalArgumentException("at least 1 generation is needed, got " + generations);
      if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
    }

    public int kept() {
      return Math.max(2, Math.min(particles - 1, (int) Math.round(alpha * particles)));
    }

    /** What must not change between a run and its resumption (the generation limit and batch size may). */
    String fingerprint() {
      return "N=" + particles + ";alpha=" + alpha + ";R=" + replicates + ";minAcceptance=" + minAcceptance + ";seed=" + seed;
    }
  }

  /** What each generation reports (wall time and simulations include earlier, interrupted sessions). */
  public record GenerationStats(int generation, double epsilon, double acceptance, double ess, int simulations,
      long totalSimulations, double wallSeconds, double medianDistance) {}

  /**
   * Everything needed to continue: the particles kept after {@code generation} (-1 before the first), in
   * internal coordinates with their log importance weights, and the distances of the next generation's
   * proposals finished so far.
   */
  public record State(String fingerprint, int generation, double[][] theta, double[] logWeights, double[] distances,
      List<GenerationStats> history, long simulations, double[] pending, double pendingSeconds, boolean finished) {}

  /** Told about progress; called on the calling thread or a worker thread. */
  public interface Listener {
    default void started(State resumedFrom, long plannedSimulations) {}

    default void simulations(long total) {}

    default void generation(GenerationStats stats) {}
  }

  /** Where state is saved; {@link Checkpoint} keeps it in a file. */
  public interface Store {
    State load();

    void save(State s);
  }

  /** Thrown when {@code cancelled} turned true; everything finished before is saved. */
  public static final class Stopped extends RuntimeException {
    Stopped() {
      super("calibration stopped; rerun the same command to resume");
    }
  }

  private final ParameterSpace space;
  private final Distance distance;
  private final Settings settings;
  private final String scenario;
  private final String fingerprint;
  private final BatchExecutor executor;
  private final TaskRunner runner;

  /**
   * @param scenario the scenario folder, put in each task (the runner decides how to use it)
   * @param scenarioHash content hash of the scenario: a checkpoint of another scenario is not resumed
   */
  public AbcSmc(ParameterSpace space, Distance distance, Settings settings, String scenario, String scenarioHash,
      BatchExecutor executor, TaskRunner runner) {
    this.space = space;
    this.distance = distance;
    this.settings = settings;
    this.scenario = scenario;
    this.fingerprint = settings.fingerprint() + ";scenario=" + scenarioHash + ";space=" + space.fingerprint();
    this.executor = executor;
    this.runner = runner;
  }

  /** Runs (or resumes) until the stopping rule; returns the final state. */
  public State run(Store store, Listener listener, BooleanSupplier cancelled) {
    State s = store.load();
    if (s != null && !s.fingerprint().equals(fingerprint)) {
      throw new IllegalStateException("the checkpoint was made with other settings or another scenario; use another"
          + " output folder or the same settings\n  checkpoint: " + s.fingerprint() + "\n  now:        " + fingerprint);
    }
    if (s == null) s = new State(fingerprint, -1, new double[0][], new double[0], new double[0], List.of(), 0, new double[0], 0, false);
    listener.started(s, plannedSimulations());
    while (!done(s)) {
      s = generation(s, store, listener, cancelled);
      store.save(s);
      listener.generation(s.history().get(s.history().size() - 1));
    }
    if (!s.finished()) {
      s = new State(s.fingerprint(), s.generation(), s.theta(), s.logWeights(), s.distances(), s.history(), s.simulations(),
          s.pending(), s.pendingSeconds(), true);
      store.save(s);
    }
    return s;
  }

  /** Simulations if every planned generation runs. */
  public long plannedSimulations() {
    return (long) settings.replicates() * (settings.particles() + (long) (settings.generations() - 1) * newPerGeneration());
  }

  private int newPerGeneration() {
    return settings.particles() - settings.kept();
  }

  private boolean done(State s) {
    if (s.generation() + 1 >= settings.generations()) return true;
    if (s.generation() < 1) return false;
    return s.history().get(s.history().size() - 1).acceptance() < settings.minAcceptance();
  }

  private State generation(State s, Store store, Listener listener, BooleanSupplier cancelled) {
    int g = s.generation() + 1;
    double[] weights = Weights.normalise(s.logWeights());
    Kernel kernel = g == 0 ? null : Kernel.of(s.theta(), weights, space);
    List<double[]> proposals = propose(g, s, weights, kernel);

    // Simulate in batches, saving after each, so that a stop loses at most one batch.
    double[] pending = s.pending();
    double seconds = s.pendingSeconds();
    long sims = s.simulations();
    while (pending.length < proposals.size()) {
      if (cancelled.getAsBoolean()) throw new Stopped();
      long t0 = System.nanoTime();
      int from = pending.length, to = Math.min(proposals.size(), from + settings.batch());
      double[] d = evaluate(g, proposals, from, to, sims, listener);
      pending = Arrays.copyOf(pending, to);
      System.arraycopy(d, 0, pending, from, d.length);
      sims += (long) d.length * settings.replicates();
      seconds += (System.nanoTime() - t0) / 1e9;
      store.save(new State(s.fingerprint(), s.generation(), s.theta(), s.logWeights(), s.distances(), s.history(), sims,
          pending, seconds, false));
    }
    return select(g, s, weights, kernel, proposals, pending, sims, seconds);
  }

  /** The proposals of generation g, each from its own random stream. */
  private List<double[]> propose(int g, State s, double[] weights, Kernel kernel) {
    int n = g == 0 ? settings.particles() : newPerGeneration();
    List<double[]> out = new ArrayList<>(n);
    RandomStream rng = new RandomStream();
    for (int i = 0; i < n; i++) {
      rng.reset(settings.seed(), STREAM_PROPOSAL, g, i);
      if (g == 0) {
        out.add(space.samplePrior(rng));
      } else {
        double[] ancestor = s.theta()[Weights.draw(weights, rng.nextDouble())];
        out.add(kernel.perturb(ancestor, rng, space));
      }
    }
    return out;
  }

  /** Mean replicate distance of proposals [from, to). */
  private double[] evaluate(int g, List<double[]> proposals, int from, int to, long simsBefore, Listener listener) {
    int r = settings.replicates();
    List<RunTask> tasks = new ArrayList<>();
    RandomStream rng = new RandomStream();
    for (int i = from; i < to; i++) {
      for (int k = 0; k < r; k++) {
        long seed = rng.reset(settings.seed(), STREAM_RUN_SEED, g * 1_000_000L + i, k).nextLong();
        tasks.add(new RunTask(tasks.size(), scenario, seed, i, space.overrides(proposals.get(i))));
      }
    }
    List<RunSummary> results = executor.execute(tasks, runner, (done, total) -> listener.simulations(simsBefore + done));
    double[] d = new double[to - from];
    for (int t = 0; t < results.size(); t++) {
      RunSummary rs = results.get(t);
      double dt = distance.of(rs.firstYear(), rs.yearly()).total();
      d[t / r] += (Double.isFinite(dt) ? Math.min(dt, FAR) : FAR) / r;
    }
    return d;
  }

  /** Keeps the αN closest of the kept and new particles and weights the new ones. */
  private State select(int g, State s, double[] weights, Kernel kernel, List<double[]> proposals, double[] d, long sims,
      double seconds) {
    int old = s.theta().length;
    int n = old + proposals.size();
    double[][] theta = new double[n][];
    double[] logW = new double[n], dist = new double[n];
    for (int i = 0; i < old; i++) {
      theta[i] = s.theta()[i];
      logW[i] = s.logWeights()[i];
      dist[i] = s.distances()[i];
    }
    double[] logPrev = new double[old];
    for (int i = 0; i < proposals.size(); i++) {
      double[] x = proposals.get(i);
      theta[old + i] = x;
      dist[old + i] = d[i];
      if (g == 0) {
        logW[old + i] = 0; // drawn from the prior: prior / proposal = 1
      } else {
        for (int j = 0; j < old; j++) logPrev[j] = Math.log(weights[j]) + kernel.logDensity(x, s.theta()[j]);
        logW[old + i] = space.logPrior(x) - Weights.logSumExp(logPrev);
      }
    }
    // Stable sort: ties keep the older particle, then the lower index, so the choice is deterministic.
    Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> dist[i])).toArray(Integer[]::new);
    int keep = settings.kept();
    double[][] kTheta = new double[keep][];
    double[] kLogW = new double[keep], kDist = new double[keep];
    int fresh = 0;
    for (int k = 0; k < keep; k++) {
      int i = order[k];
      kTheta[k] = theta[i];
      kLogW[k] = logW[i];
      kDist[k] = dist[i];
      if (i >= old) fresh++;
    }
    double epsilon = kDist[keep - 1];
    double acceptance = (double) fresh / proposals.size();
    double ess = Weights.ess(Weights.normalise(kLogW));
    double median = kDist[keep / 2];
    List<GenerationStats> history = new ArrayList<>(s.history());
    history.add(new GenerationStats(g, epsilon, acceptance, ess, proposals.size() * settings.replicates(), sims, seconds, median));
    return new State(s.fingerprint(), g, kTheta, kLogW, kDist, history, sims, new double[0], 0, false);
  }

  /** The kept particles as a posterior on the natural scale. */
  public Posterior posterior(State s) {
    double[][] values = new double[s.theta().length][];
    for (int i = 0; i < values.length; i++) values[i] = space.toNatural(s.theta()[i]);
    return new Posterior(space.names(), values, Weights.normalise(s.logWeights()), s.distances());
  }
}
