package org.tumen.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.TaskRunner;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Posterior;

/**
 * Replenishment ABC-SMC with MCMC moves (Drovandi and Pettitt 2011, "Estimation of parameters for
 * macroparasite population evolution using approximate Bayesian computation", Biometrics 67:225; the
 * sampler of Del Moral, Doucet and Jasra 2012, Stat. Comput. 22:1009, with a fixed drop share). Particles
 * carry equal weights throughout, so the sample does not degenerate the way importance weights do in many
 * dimensions:
 * <ol>
 *   <li>Generation 0 draws N particles, from the prior or around a pilot point (see {@link #AbcSmc}), and
 *       simulates each.
 *   <li>Each later generation sorts the particles by distance and keeps the best N - αN; the tolerance ε_t
 *       is the largest distance kept. The αN dropped are replaced by copies of kept particles drawn
 *       uniformly.
 *   <li>Each copy then takes MCMC steps whose stationary law is the ABC posterior at ε_t: a normal random
 *       walk with the covariance of the kept particles (times {@link Settings#scale}), reflected at the walls
 *       of the prior's box, which keeps it symmetric; priors are uniform in the box, so the
 *       Metropolis-Hastings ratio is 1 and a proposal is accepted when its simulated distance is at most ε_t.
 *   <li>The first step is a pilot: from its acceptance rate p the generation takes
 *       R = ceil(log(c) / log(1 - p)) steps in all (at most {@link Settings#maxSteps}), so that a copy has
 *       moved at least once with probability about 1 - c.
 *   <li>It stops when the acceptance rate falls below a minimum, after a number of generations, or when
 *       the budget of simulations is spent. The budget is checked between generations: a generation cut
 *       after its first steps would leave many copies unmoved (a valid but poorly mixed sample), so the last
 *       generation may overspend the budget by up to {@code maxSteps} steps.
 * </ol>
 * A particle's distance is the mean of its R replicate distances (an estimate of the expected distance).
 *
 * <p>Deterministic: every random choice comes from a {@link RandomStream} keyed by (seed, generation,
 * particle, step) and every run seed by the same plus the replicate, so the result does not depend on
 * thread count or on being stopped and resumed. State is saved after every batch of simulations.
 */
public final class AbcSmc {
  private static final long STREAM_PROPOSAL = 101, STREAM_RUN_SEED = 102, STREAM_RESAMPLE = 103;
  /** The distance given to runs cut short or with no usable output: far, but finite so that it can be saved. */
  public static final double FAR = 1e6;

  /**
   * @param particles N, the population size
   * @param alpha share of particles dropped and replenished each generation
   * @param replicates stochastic runs per particle
   * @param generations at most this many generations, counting generation 0 (raise it to continue a run)
   * @param minAcceptance stop after a generation whose MCMC acceptance rate is below this
   * @param seed the calibration's seed
   * @param batch particles simulated between two saves
   * @param budget start no generation once this many simulations are done
   * @param maxSteps at most this many MCMC steps per generation
   * @param c a copy stays unmoved with probability about c (sets the steps per generation)
   * @param scale the MCMC proposal's covariance is this times the kept particles' covariance
   */
  public record Settings(int particles, double alpha, int replicates, int generations, double minAcceptance, long seed,
      int batch, long budget, int maxSteps, double c, double scale, double spread) {
    public Settings {
      if (particles < 4) throw new IllegalArgumentException("at least 4 particles are needed, got " + particles);
      if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
      if (replicates < 1) throw new IllegalArgumentException("at least 1 replicate is needed, got " + replicates);
      if (generations < 1) throw new IllegalArgumentException("at least 1 generation is needed, got " + generations);
      if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
      if (budget < 1) throw new IllegalArgumentException("the budget must be at least 1 simulation, got " + budget);
      if (maxSteps < 1) throw new IllegalArgumentException("at least 1 MCMC step is needed, got " + maxSteps);
      if (!(c > 0 && c < 1)) throw new IllegalArgumentException("c must be in (0, 1), got " + c);
      if (!(scale > 0)) throw new IllegalArgumentException("the proposal scale must be positive, got " + scale);
      if (!(spread > 0 && spread <= 1)) throw new IllegalArgumentException("the start spread must be in (0, 1], got " + spread);
    }

    /** Defaults for the MCMC part: at most 8 steps, c = 0.1, proposal covariance 1x. */
    public static Settings of(int particles, double alpha, int replicates, int generations, double minAcceptance, long seed,
        int batch, long budget) {
      return new Settings(particles, alpha, replicates, generations, minAcceptance, seed, batch, budget, 8, 0.1, 1.0, 0.05);
    }

    /**
     * The random-walk scale that is optimal for Gaussian targets in d dimensions, 2.38^2 / d (Roberts, Gelman
     * and Gilks 1997, Ann. Appl. Probab. 7:110), capped at 1.
     */
    public static double defaultScale(int dimension) {
      return Math.min(1.0, 2.38 * 2.38 / Math.max(1, dimension));
    }

    /** Particles kept each generation. */
    public int kept() {
      return Math.max(2, Math.min(particles - 1, (int) Math.round((1 - alpha) * particles)));
    }

    /** What must not change between a run and its resumption (generations and budget may grow, batch may change). */
    String fingerprint() {
      return "N=" + particles + ";alpha=" + alpha + ";R=" + replicates + ";minAcceptance=" + minAcceptance + ";seed=" + seed
          + ";maxSteps=" + maxSteps + ";c=" + c + ";scale=" + scale + ";spread=" + spread;
    }
  }

  /**
   * What each generation reports (wall time and simulations include earlier, interrupted sessions).
   *
   * @param acceptance MCMC acceptance rate over all the generation's proposals (1 for generation 0)
   * @param steps MCMC steps taken
   * @param unique distinct particles in the population (equal weights: this is the effective sample size)
   */
  public record GenerationStats(int generation, double epsilon, double acceptance, int steps, int unique, int simulations,
      long totalSimulations, double wallSeconds, double medianDistance) {}

  /**
   * Everything needed to continue. When {@code moving} is false, {@code theta}/{@code distances} are the
   * population after {@code generation} (-1 before the first). When true, generation + 1 is under way: the
   * population after its resampling and {@code step} completed MCMC steps, with {@code accepted} of
   * {@code proposed} proposals accepted so far and the distances of the current step's proposals finished
   * so far in {@code pending}. Particles are in internal coordinates. {@code start} is the point generation 0
   * was drawn around (null: from the prior), fixed when the calibration began.
   */
  public record State(String fingerprint, double[] start, int generation, double[][] theta, double[] distances, double epsilon,
      boolean moving, int step, int steps, int accepted, int proposed, double[] pending, double pendingSeconds,
      List<GenerationStats> history, long simulations, boolean finished) {
    static State start(String fingerprint, double[] start) {
      return new State(fingerprint, start, -1, new double[0][], new double[0], Double.POSITIVE_INFINITY, false, 0, 0, 0, 0,
          new double[0], 0, List.of(), 0, false);
    }

    State withPending(double[] p, double seconds, long sims) {
      return new State(fingerprint, start, generation, theta, distances, epsilon, moving, step, steps, accepted, proposed, p,
          seconds, history, sims, finished);
    }

    State finish() {
      return new State(fingerprint, start, generation, theta, distances, epsilon, moving, step, steps, accepted, proposed,
          pending, pendingSeconds, history, simulations, true);
    }
  }

  /** Told about progress; called on the calling thread or a worker thread. */
  public interface Listener {
    default void started(State resumedFrom, long plannedSimulations) {}

    default void simulations(long total) {}

    default void generation(GenerationStats stats) {}
  }

  /**
   * Runs one task. It may stop a run early, returning a summary without series (an infinite distance), once
   * the run can no longer come within {@code tolerance} (infinite: never stop early).
   */
  @FunctionalInterface
  public interface Simulator {
    RunSummary run(RunTask task, double tolerance);
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
  private final Simulator simulator;
  private final double[] start;

  /**
   * @param scenario the scenario folder, put in each task (the runner decides how to use it)
   * @param scenarioHash content hash of the scenario: a checkpoint of another scenario is not resumed
   * @param start natural values to draw generation 0 around (a pilot point, e.g. the scenario's own values),
   *     or null to draw it from the prior
   */
  public AbcSmc(ParameterSpace space, Distance distance, Settings settings, String scenario, String scenarioHash,
      BatchExecutor executor, Simulator simulator, double[] start) {
    this.space = space;
    this.distance = distance;
    this.settings = settings;
    this.scenario = scenario;
    this.fingerprint = settings.fingerprint() + ";start=" + (start == null ? "prior" : "pilot") + ";scenario=" + scenarioHash
        + ";space=" + space.fingerprint();
    this.executor = executor;
    this.simulator = simulator;
    if (start != null) {
      this.start = new double[start.length];
      for (int j = 0; j < start.length; j++) {
        this.start[j] = Math.min(space.upper(j), Math.max(space.lower(j), space.toInternal(j, start[j])));
      }
    } else {
      this.start = null;
    }
  }

  /** Runs (or resumes) until a stopping rule; returns the final state. */
  public State run(Store store, Listener listener, BooleanSupplier cancelled) {
    State s = store.load();
    if (s != null && !s.fingerprint().equals(fingerprint)) {
      throw new IllegalStateException("the checkpoint was made with other settings or another scenario; use another"
          + " output folder or the same settings\n  checkpoint: " + s.fingerprint() + "\n  now:        " + fingerprint);
    }
    if (s == null) s = State.start(fingerprint, start);
    listener.started(s, plannedSimulations());
    if (s.generation() < 0) {
      s = generationZero(s, store, listener, cancelled);
      store.save(s);
      listener.generation(last(s));
    }
    while (!done(s)) {
      if (!s.moving()) {
        s = resample(s);
        store.save(s);
      }
      s = move(s, store, listener, cancelled);
      store.save(s);
      listener.generation(last(s));
    }
    if (!s.finished()) {
      s = s.finish();
      store.save(s);
    }
    return s;
  }

  private static GenerationStats last(State s) {
    return s.history().get(s.history().size() - 1);
  }

  /** About this many simulations: the budget, which the last generation may overspend. */
  public long plannedSimulations() {
    return Math.max(settings.budget(), (long) settings.particles() * settings.replicates());
  }

  private boolean done(State s) {
    if (s.moving()) return false; // a generation under way is finished first (its population is valid anyway)
    if (s.generation() + 1 >= settings.generations() || s.simulations() >= settings.budget()) return true;
    return s.generation() >= 1 && last(s).acceptance() < settings.minAcceptance();
  }

  // ---- generation 0: the prior ----

  private State generationZero(State s, Store store, Listener listener, BooleanSupplier cancelled) {
    int n = settings.particles();
    double[][] theta = new double[n][];
    RandomStream rng = new RandomStream();
    for (int i = 0; i < n; i++) {
      rng.reset(settings.seed(), STREAM_PROPOSAL, 0, i);
      theta[i] = s.start() == null ? space.samplePrior(rng) : around(s.start(), rng);
    }
    s = evaluateAll(s, theta, 0, 0, Double.POSITIVE_INFINITY, store, listener, cancelled);
    double[] d = s.pending();
    GenerationStats stats = new GenerationStats(0, max(d), 1.0, 0, n, n * settings.replicates(), s.simulations(),
        s.pendingSeconds(), median(d));
    return new State(fingerprint, s.start(), 0, theta, d, max(d), false, 0, 0, 0, 0, new double[0], 0, List.of(stats),
        s.simulations(), false);
  }

  /** A normal draw around {@code start} with sd {@code spread} x each prior range, reflected into the box. */
  private double[] around(double[] start, RandomStream rng) {
    double[] x = new double[start.length];
    for (int j = 0; j < x.length; j++) {
      double lo = space.lower(j), hi = space.upper(j);
      x[j] = Kernel.reflect(start[j] + settings.spread() * (hi - lo) * rng.normal(), lo, hi);
    }
    return x;
  }

  // ---- later generations: drop, replenish, move ----

  /** Keeps the best N - αN particles and fills the other slots with uniformly drawn copies of them. */
  private State resample(State s) {
    int g = s.generation() + 1, n = settings.particles(), keep = settings.kept();
    double[] d = s.distances();
    // Stable sort: ties keep the lower index, so the choice is deterministic.
    int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> d[i])).mapToInt(Integer::intValue).toArray();
    double[][] theta = new double[n][];
    double[] dist = new double[n];
    for (int k = 0; k < keep; k++) {
      theta[k] = s.theta()[order[k]];
      dist[k] = d[order[k]];
    }
    RandomStream rng = new RandomStream();
    for (int k = keep; k < n; k++) {
      int from = (int) (rng.reset(settings.seed(), STREAM_RESAMPLE, g, k).nextDouble() * keep);
      theta[k] = theta[from];
      dist[k] = dist[from];
    }
    return new State(fingerprint, s.start(), s.generation(), theta, dist, dist[keep - 1], true, 0, 0, 0, 0, new double[0], 0,
        s.history(), s.simulations(), false);
  }

  /** The MCMC steps of the copies (slots from kept() on), resuming at the saved step. */
  private State move(State s, Store store, Listener listener, BooleanSupplier cancelled) {
    int g = s.generation() + 1, n = settings.particles(), keep = settings.kept(), copies = n - keep;
    Kernel kernel = Kernel.of(Arrays.copyOf(s.theta(), keep), uniform(keep), space, settings.scale());
    long simsBefore = s.history().get(s.history().size() - 1).totalSimulations();
    while (s.steps() == 0 || s.step() < s.steps()) {
      // Proposals of this step, one per copy (reflected into the prior's box).
      double[][] proposals = new double[copies][];
      RandomStream rng = new RandomStream();
      for (int j = 0; j < copies; j++) {
        proposals[j] = kernel.step(s.theta()[keep + j], rng.reset(settings.seed(), STREAM_PROPOSAL, g * 1_000_000L + keep + j, s.step() + 1),
            space);
      }
      s = evaluateAll(s, proposals, g, s.step() + 1, s.epsilon(), store, listener, cancelled);
      double[][] theta = s.theta().clone();
      double[] dist = s.distances().clone();
      int accepted = s.accepted();
      for (int j = 0; j < copies; j++) {
        double dj = s.pending()[j];
        if (dj <= s.epsilon()) {
          theta[keep + j] = proposals[j];
          dist[keep + j] = dj;
          accepted++;
        }
      }
      int proposed = s.proposed() + copies, step = s.step() + 1;
      int steps = s.steps();
      if (steps == 0) steps = stepsFor((double) accepted / proposed);
      s = new State(fingerprint, s.start(), s.generation(), theta, dist, s.epsilon(), true, step, steps, accepted, proposed,
          new double[0], s.pendingSeconds(), s.history(), s.simulations(), false);
      if (step < steps) store.save(s);
    }
    double seconds = s.pendingSeconds();
    List<GenerationStats> history = new ArrayList<>(s.history());
    history.add(new GenerationStats(g, s.epsilon(), (double) s.accepted() / s.proposed(), s.steps(), unique(s.theta()),
        (int) (s.simulations() - simsBefore), s.simulations(), seconds, median(s.distances())));
    return new State(fingerprint, s.start(), g, s.theta(), s.distances(), s.epsilon(), false, 0, 0, 0, 0, new double[0], 0,
        history, s.simulations(), false);
  }

  /** Steps so that a copy has moved at least once with probability about 1 - c. */
  int stepsFor(double acceptance) {
    if (acceptance <= 0) return settings.maxSteps();
    if (acceptance >= 1) return 1;
    double r = Math.ceil(Math.log(settings.c()) / Math.log(1 - acceptance));
    return (int) Math.max(1, Math.min(settings.maxSteps(), r));
  }

  /**
   * Simulates the proposals in batches, saving after each so that a stop loses at most one batch; returns
   * the state with {@code pending} holding every proposal's mean distance.
   * {@code pendingSeconds} accumulates the wall time of the generation under way.
   */
  private State evaluateAll(State s, double[][] proposals, int g, int step, double tolerance, Store store, Listener listener,
      BooleanSupplier cancelled) {
    double[] pending = s.pending();
    double seconds = s.pendingSeconds();
    long sims = s.simulations();
    while (pending.length < proposals.length) {
      if (cancelled.getAsBoolean()) throw new Stopped();
      long t0 = System.nanoTime();
      int from = pending.length, to = Math.min(proposals.length, from + settings.batch());
      double[] d = evaluate(g, step, proposals, from, to, tolerance, sims, listener);
      pending = Arrays.copyOf(pending, to);
      System.arraycopy(d, 0, pending, from, d.length);
      sims += (long) (to - from) * settings.replicates();
      seconds += (System.nanoTime() - t0) / 1e9;
      s = s.withPending(pending, seconds, sims);
      store.save(s);
    }
    return s;
  }

  /**
   * Mean replicate distance of proposals [from, to). With one replicate a run
   * may stop once it cannot come within {@code tolerance} (its distance is then FAR, a rejection either way);
   * with several, one far replicate does not make the mean far, so runs go to the end.
   */
  private double[] evaluate(int g, int step, double[][] proposals, int from, int to, double tolerance, long simsBefore,
      Listener listener) {
    int r = settings.replicates();
    List<RunTask> tasks = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    RandomStream rng = new RandomStream();
    for (int i = from; i < to; i++) {
      for (int k = 0; k < r; k++) {
        long seed = rng.reset(settings.seed(), STREAM_RUN_SEED, (g * 1_000_000L + i) * 1_000L + step, k).nextLong();
        tasks.add(new RunTask(tasks.size(), scenario, seed, i, space.overrides(proposals[i])));
        owner.add(i - from);
      }
    }
    double[] d = new double[to - from];
    double cut = r == 1 ? tolerance : Double.POSITIVE_INFINITY;
    TaskRunner runner = task -> simulator.run(task, cut);
    List<RunSummary> results = executor.execute(tasks, runner, (done, total) -> listener.simulations(simsBefore + done));
    for (int t = 0; t < results.size(); t++) {
      RunSummary rs = results.get(t);
      double dt = distance.of(rs.firstYear(), rs.yearly()).total();
      d[owner.get(t)] += (Double.isFinite(dt) ? Math.min(dt, FAR) : FAR) / r;
    }
    return d;
  }

  private static double[] uniform(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0 / n);
    return w;
  }

  private static int unique(double[][] theta) {
    Set<List<Double>> seen = new HashSet<>();
    for (double[] t : theta) seen.add(Arrays.stream(t).boxed().toList());
    return seen.size();
  }

  private static double max(double[] d) {
    return Arrays.stream(d).max().orElse(Double.NaN);
  }

  private static double median(double[] d) {
    double[] s = d.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  /** The population as a posterior on the natural scale: equal weights. */
  public Posterior posterior(State s) {
    double[][] values = new double[s.theta().length][];
    for (int i = 0; i < values.length; i++) values[i] = space.toNatural(s.theta()[i]);
    return new Posterior(space.names(), values, uniform(values.length), s.distances());
  }
}
