package org.tumen.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.engine.Engine;
import org.tumen.engine.Model;
import org.tumen.korea.KoreaTally;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * End-to-end benchmark: repeated runs after warm-up, medians, and machine-readable name=value lines at the
 * end so that scripts can track them. Runs on 1 and 2 threads are interleaved, so that a machine that gets
 * busier or quieter during the benchmark biases neither.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark whole runs: median wall time, agent-days per second, heap per agent, 1 vs 2 threads.")
final class BenchCommand implements Callable<Integer> {
  private static final String COLLAPSE_PUSH = "effects.collapse_push";

  @Option(names = "--scenario", description = "scenario to time (default: ${DEFAULT-VALUE})")
  Path scenario = Path.of("scenarios/korea");

  @Option(names = "--runs", description = "timed runs per setting (default: ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--warmup", description = "untimed runs first, for the JIT (default: ${DEFAULT-VALUE})")
  int warmup = 3;

  @Option(names = "--collapse", description = "also time the collapse scenario at several sizes (takes a few minutes)")
  boolean collapse;

  @Option(names = "--collapse-scenario", description = "collapse scenario (default: ${DEFAULT-VALUE})")
  Path collapseScenario = Path.of("scenarios/korea-collapse");

  @Option(names = "--pushes", split = ",",
      description = "collapse push multipliers to time, about 1, 2, 5 and 10 million agents (default: ${DEFAULT-VALUE})")
  double[] pushes = {10, 30, 110, 340};

  @Spec CommandSpec spec;
  private PrintWriter out;

  /**
   * Medians of interleaved runs on 1 and 2 threads, with the machine's state measured before each pair of
   * runs: its two-core capacity and cross-core round trip (a shared machine does not always give both);
   * and the collector's pauses during each run, which stop both threads of a two-thread run.
   */
  private record Timing(double[] one, double[] two, double[] capacity, double[] roundTrip, double[] collectionsOne,
      double[] collectionsTwo, double[] gcMillisOne, double[] gcMillisTwo) {
    double speedup() {
      return median(one) / median(two);
    }

    String machine() {
      if (Double.isNaN(median(roundTrip))) return "machine: one processor";
      return String.format(Locale.ROOT, "machine before these runs: two-core capacity median %.2f (%.2f-%.2f), "
          + "cross-core round trip median %.0f ns (%.0f-%.0f)", median(capacity), min(capacity), max(capacity),
          median(roundTrip), min(roundTrip), max(roundTrip));
    }

    String collector() {
      return String.format(Locale.ROOT, "collector per timed run: 1 thread median %.0f collections (%.0f ms), "
          + "2 threads median %.0f collections (%.0f ms)", median(collectionsOne), median(gcMillisOne),
          median(collectionsTwo), median(gcMillisTwo));
    }

    void addTo(Map<String, String> figures) {
      figures.put("gc_pause_ms_2_threads", String.format(Locale.ROOT, "%.0f", median(gcMillisTwo)));
      if (Double.isNaN(median(roundTrip))) return;
      figures.put("two_core_capacity", String.format(Locale.ROOT, "%.3f", median(capacity)));
      figures.put("core_round_trip_ns", String.format(Locale.ROOT, "%.0f", median(roundTrip)));
    }
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    if (runs < 1) throw new InvalidInputException("--runs", 0, "", "must be at least 1, got " + runs);
    if (warmup < 0) throw new InvalidInputException("--warmup", 0, "", "must be at least 0, got " + warmup);
    if (collapse && pushes.length == 0) throw new InvalidInputException("--pushes", 0, "", "needs at least one value");
    Scenario s = Tumen.load(scenario);
    out.printf("Benchmark of %s (%s to %s): %d warm-up runs, then %d timed runs per setting%n", s.name(),
        s.calendar().start(), s.calendar().end(), warmup, runs);
    for (int i = 0; i < warmup; i++) Simulation.run(s, Simulation.Options.of(s.seed() + i, 2));
    Timing t = time(s, Map.of());
    long agentDays = Simulation.run(s, Simulation.Options.of(s.seed(), 1)).agentDays();
    double[] pairs = pairs(s);
    Size size = size(s, Map.of());
    double m1 = median(t.one()), m2 = median(t.two());
    out.printf(Locale.ROOT, "%-40s %10s %10s %10s %16s%n", "setting", "median s", "min s", "max s", "agent-days/s");
    row("1 thread", t.one(), agentDays);
    row("2 threads", t.two(), agentDays);
    row("2 runs at once, 1 thread each (per run)", pairs, agentDays);
    double throughput = m1 / median(pairs);
    out.printf(Locale.ROOT, "speed-up of one run, 1 to 2 threads: %.2f; of an ensemble (2 runs at once): %.2f%n",
        t.speedup(), throughput);
    out.println(t.machine());
    out.println(t.collector());
    out.printf(Locale.ROOT, "heap: %.0f MB for %,d individual agents, %.1f bytes per agent%n", size.bytes / 1e6,
        size.agents, size.bytesPerAgent());
    out.println("agent-days: days lived by individual agents (a daily-stepping model would step each of them).");
    Map<String, String> figures = new java.util.LinkedHashMap<>();
    double flagshipSeconds = Math.min(m1, m2);
    figures.put("flagship_run_seconds", String.format(Locale.ROOT, "%.4f", flagshipSeconds));
    figures.put("flagship_speedup_2_threads", String.format(Locale.ROOT, "%.3f", t.speedup()));
    figures.put("throughput_speedup_2_threads", String.format(Locale.ROOT, "%.3f", throughput));
    figures.put("agent_steps_per_second", String.format(Locale.ROOT, "%.4e", agentDays / flagshipSeconds));
    figures.put("bytes_per_agent", String.format(Locale.ROOT, "%.1f", size.bytesPerAgent()));
    figures.put("speedup_2_threads", String.format(Locale.ROOT, "%.3f", t.speedup()));
    t.addTo(figures);
    if (collapse) {
      out.println();
      collapse(figures);
    }
    // Machine-readable, last: with --collapse the collapse's figures replace the flagship's of the same name.
    figures.forEach((name, value) -> out.println(name + "=" + value));
    return 0;
  }

  /**
   * Collapse at scale: for each push, one run on 2 threads and its heap; then the largest size on 1 and 2
   * threads, interleaved, for the speed-up.
   */
  private void collapse(Map<String, String> figures) {
    Scenario s = Tumen.load(collapseScenario);
    out.printf("Collapse at scale: %s, %s to %s%n", s.name(), s.calendar().start(), s.calendar().end());
    Simulation.run(s, Simulation.Options.of(1, 2).withOverrides(Map.of(COLLAPSE_PUSH, pushes[0])));
    out.printf(Locale.ROOT, "%-8s %12s %10s %16s %10s %12s%n", "push", "agents", "wall s", "agent-days/s", "heap MB",
        "bytes/agent");
    Size last = null;
    for (double push : pushes) {
      last = size(s, Map.of(COLLAPSE_PUSH, push));
      out.printf(Locale.ROOT, "%-8.0f %,12d %10.2f %16.3e %10.0f %12.1f%n", push, last.agents, last.wall,
          last.agentDays / last.wall, last.bytes / 1e6, last.bytesPerAgent());
    }
    double largest = pushes[pushes.length - 1];
    Map<String, Double> o = Map.of(COLLAPSE_PUSH, largest);
    Simulation.run(s, Simulation.Options.of(s.seed(), 1).withOverrides(o)); // warm the 1-thread path too
    Timing t = time(s, o);
    double m2 = median(t.two());
    out.printf(Locale.ROOT, "push %.0f, %,d agents, %d runs each: 1 thread median %.2f s (%.2f-%.2f), "
        + "2 threads median %.2f s (%.2f-%.2f): speed-up %.2f%n", largest, last.agents, runs, median(t.one()),
        min(t.one()), max(t.one()), m2, min(t.two()), max(t.two()), t.speedup());
    out.println(t.machine());
    out.println(t.collector());
    figures.put("agent_steps_per_second", String.format(Locale.ROOT, "%.4e", last.agentDays / m2));
    figures.put("bytes_per_agent", String.format(Locale.ROOT, "%.1f", last.bytesPerAgent()));
    figures.put("collapse_agents", Long.toString(last.agents));
    figures.put("collapse_run_seconds", String.format(Locale.ROOT, "%.3f", m2));
    figures.put("speedup_2_threads", String.format(Locale.ROOT, "%.3f", t.speedup()));
    t.addTo(figures);
  }

  /** One run on 2 threads with its heap: what the model, tallies and calendar hold after a full GC. */
  private record Size(long agents, long agentDays, double wall, long bytes) {
    double bytesPerAgent() {
      return (double) bytes / Math.max(1, agents);
    }
  }

  private static Size size(Scenario s, Map<String, Double> overrides) {
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    var params = s.parameters().withOverrides(overrides, "bench");
    Model model = s.rules().build(s, params, s.seed());
    KoreaTally tally = new KoreaTally(Simulation.collapseSnapshotDays(s));
    long t0 = System.nanoTime();
    Engine.run(model, 2, List.of(tally));
    double wall = (System.nanoTime() - t0) / 1e9;
    System.gc();
    long used = memory.getHeapMemoryUsage().getUsed() - before;
    java.lang.ref.Reference.reachabilityFence(model);
    java.lang.ref.Reference.reachabilityFence(tally);
    return new Size(model.individuals(), model.agentDays(), wall, used);
  }

  /** Runs on 1 and 2 threads, alternating, {@link #runs} of each. */
  private Timing time(Scenario s, Map<String, Double> overrides) {
    double[] one = new double[runs], two = new double[runs], capacity = new double[runs], roundTrip = new double[runs];
    double[] collectionsOne = new double[runs], collectionsTwo = new double[runs];
    double[] gcMillisOne = new double[runs], gcMillisTwo = new double[runs];
    for (int i = 0; i < runs; i++) {
      capacity[i] = twoCoreCapacity();
      roundTrip[i] = coreRoundTripNanos();
      long[] g0 = collectionsSoFar();
      one[i] = seconds(s, s.seed() + i, 1, overrides);
      long[] g1 = collectionsSoFar();
      two[i] = seconds(s, s.seed() + i, 2, overrides);
      long[] g2 = collectionsSoFar();
      collectionsOne[i] = g1[0] - g0[0];
      gcMillisOne[i] = g1[1] - g0[1];
      collectionsTwo[i] = g2[0] - g1[0];
      gcMillisTwo[i] = g2[1] - g1[1];
    }
    return new Timing(one, two, capacity, roundTrip, collectionsOne, collectionsTwo, gcMillisOne, gcMillisTwo);
  }

  /**
   * The work rate of two threads at once over that of one alone, on a loop that touches no memory: about
   * 2 when the machine gives the benchmark two whole cores, less when other work takes a share of them.
   * A run cannot expect a two-thread speed-up above it. NaN on one processor.
   */
  static double twoCoreCapacity() {
    if (Runtime.getRuntime().availableProcessors() < 2) return Double.NaN;
    long n = 5_000_000; // about 25 ms
    spin(n); // compiled before it is timed
    double[] ratio = new double[3];
    for (int k = 0; k < ratio.length; k++) {
      long t0 = System.nanoTime();
      spin(n);
      long alone = System.nanoTime() - t0;
      Thread other = new Thread(() -> spin(n), "bench-spin");
      t0 = System.nanoTime();
      other.start();
      spin(n);
      join(other);
      ratio[k] = 2.0 * alone / (System.nanoTime() - t0);
    }
    return median(ratio);
  }

  private static volatile long sink;

  /** A chain of xorshift steps: pure arithmetic, one core's worth. */
  private static void spin(long n) {
    long x = 0x9E3779B97F4A7C15L;
    for (long i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
    }
    sink = x;
  }

  /**
   * Nanoseconds for two threads to hand a value back and forth, median of 5 bursts: how dear sharing data
   * between the run's two threads is at the moment. On this project's shared machine it is usually 50-70
   * ns, and at times 5-30 times that; two-thread runs are slower then (docs/PERFORMANCE.md). NaN on one
   * processor, where the two spinning threads would take turns by time slices.
   */
  static double coreRoundTripNanos() {
    if (Runtime.getRuntime().availableProcessors() < 2) return Double.NaN;
    double[] t = new double[5];
    for (int k = 0; k < t.length; k++) {
      AtomicLong ball = new AtomicLong();
      int n = 50_000;
      Thread echo = new Thread(() -> {
        for (long i = 0; i <= n; i++) {
          while (ball.get() != 2 * i + 1) Thread.onSpinWait();
          ball.set(2 * i + 2);
        }
      }, "bench-echo");
      echo.start();
      long t0 = 0;
      for (long i = 0; i <= n; i++) {
        if (i == 1) t0 = System.nanoTime(); // the first exchange waits for the thread to start
        ball.set(2 * i + 1);
        while (ball.get() != 2 * i + 2) Thread.onSpinWait();
      }
      t[k] = (System.nanoTime() - t0) / (double) n;
      join(echo);
    }
    return median(t);
  }

  /** Wall time per run when two single-thread runs share the machine, as in an ensemble. */
  private double[] pairs(Scenario s) {
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long seed = s.seed() + 100 + 2L * i;
      long t0 = System.nanoTime();
      Thread other = new Thread(() -> Simulation.run(s, Simulation.Options.of(seed + 1, 1)), "bench-pair");
      other.start();
      Simulation.run(s, Simulation.Options.of(seed, 1));
      join(other);
      t[i] = (System.nanoTime() - t0) / 1e9 / 2;
    }
    return t;
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Collections so far and their total time in ms, over the JVM's collector beans: for G1 its young and
   * mixed collections and full GCs, all pauses (Java 17 counts no bean for its remark and cleanup pauses).
   */
  private static long[] collectionsSoFar() {
    long count = 0, millis = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new long[] {count, millis};
  }

  private static double seconds(Scenario s, long seed, int threads, Map<String, Double> overrides) {
    long t0 = System.nanoTime();
    Simulation.run(s, Simulation.Options.of(seed, threads).withOverrides(overrides));
    return (System.nanoTime() - t0) / 1e9;
  }

  private void row(String label, double[] t, long agentDays) {
    out.printf(Locale.ROOT, "%-40s %10.3f %10.3f %10.3f %16.3e%n", label, median(t), min(t), max(t),
        agentDays / median(t));
  }

  static double median(double[] x) {
    double[] c = x.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  static double min(double[] x) {
    return Arrays.stream(x).min().orElse(Double.NaN);
  }

  static double max(double[] x) {
    return Arrays.stream(x).max().orElse(Double.NaN);
  }
}
