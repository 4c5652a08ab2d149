package org.tumen.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * End-to-end benchmark: repeated runs after warm-up, medians, and machine-readable name=value lines at the
 * end so that scripts can track them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark whole runs: median wall time, agent-days per second, 1 vs 2 threads.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--scenario", description = "scenario to time (default: ${DEFAULT-VALUE})")
  Path scenario = Path.of("scenarios/korea");

  @Option(names = "--runs", description = "timed runs per setting (default: ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--warmup", description = "untimed runs first, for the JIT (default: ${DEFAULT-VALUE})")
  int warmup = 3;

  @Option(names = "--collapse", description = "also time the collapse scenario at several sizes (takes minutes)")
  boolean collapse;

  @Option(names = "--collapse-scenario", description = "collapse scenario (default: ${DEFAULT-VALUE})")
  Path collapseScenario = Path.of("scenarios/korea-collapse");

  @Option(names = "--pushes", split = ",", description = "collapse push multipliers to time (default: ${DEFAULT-VALUE})")
  double[] pushes = {10, 20, 110, 300};

  @Override
  public Integer call() {
    if (collapse) return collapse();
    Scenario s = Tumen.load(scenario);
    System.out.printf("Benchmark of %s (%s to %s): %d warm-up runs, then %d timed runs per thread count%n", s.name(),
        s.calendar().start(), s.calendar().end(), warmup, runs);
    for (int i = 0; i < warmup; i++) Simulation.run(s, Simulation.Options.of(s.seed() + i, 2));
    double[] t1 = time(s, 1), t2 = time(s, 2);
    long agentDays = Simulation.run(s, Simulation.Options.of(s.seed(), 1)).agentDays();
    double m1 = median(t1), m2 = median(t2);
    System.out.printf(Locale.ROOT, "%-10s %12s %12s %12s %18s%n", "threads", "median s", "min s", "max s", "agent-days/s");
    System.out.printf(Locale.ROOT, "%-10d %12.3f %12.3f %12.3f %18.3e%n", 1, m1, min(t1), max(t1), agentDays / m1);
    System.out.printf(Locale.ROOT, "%-10d %12.3f %12.3f %12.3f %18.3e%n", 2, m2, min(t2), max(t2), agentDays / m2);
    System.out.println("agent-days: days lived by individual agents (a daily-stepping model would step each of them).");
    System.out.printf(Locale.ROOT, "flagship_run_seconds=%.4f%n", Math.min(m1, m2));
    System.out.printf(Locale.ROOT, "agent_steps_per_second=%.4e%n", agentDays / Math.min(m1, m2));
    System.out.printf(Locale.ROOT, "speedup_2_threads=%.3f%n", m1 / m2);
    return 0;
  }

  /**
   * Collapse at scale: for each push, one run on 2 threads after a warm-up, then the same largest size on
   * 1 thread. Heap per agent is measured after a full GC with the model still alive, minus the heap before.
   */
  private Integer collapse() {
    Scenario s = Tumen.load(collapseScenario);
    var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    System.out.printf("Collapse at scale: %s, %s to %s%n", s.name(), s.calendar().start(), s.calendar().end());
    Simulation.run(s, Simulation.Options.of(1, 2).withOverrides(java.util.Map.of("effects.collapse_push", pushes[0])));
    System.out.printf(Locale.ROOT, "%-8s %12s %10s %16s %14s %14s%n", "push", "agents", "wall s", "agent-days/s", "heap MB", "bytes/agent");
    double lastRate = 0, lastBytes = 0, lastWall = 0;
    for (double push : pushes) {
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      var params = s.parameters().withOverrides(java.util.Map.of("effects.collapse_push", push), "--pushes");
      org.tumen.engine.Model model = s.rules().build(s, params, s.seed());
      var tally = new org.tumen.korea.KoreaTally(Simulation.collapseSnapshotDays(s));
      long t0 = System.nanoTime();
      org.tumen.engine.Engine.run(model, 2, java.util.List.of(tally));
      double wall = (System.nanoTime() - t0) / 1e9;
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed() - before;
      long agents = model.individuals();
      double bytes = (double) used / Math.max(1, agents);
      System.out.printf(Locale.ROOT, "%-8.0f %,12d %10.2f %16.3e %14.0f %14.1f%n", push, agents, wall, model.agentDays() / wall,
          used / 1e6, bytes);
      lastRate = model.agentDays() / wall;
      lastBytes = bytes;
      lastWall = wall;
      java.lang.ref.Reference.reachabilityFence(model);
      java.lang.ref.Reference.reachabilityFence(tally);
    }
    long t0 = System.nanoTime();
    Simulation.run(s, Simulation.Options.of(s.seed(), 1).withOverrides(java.util.Map.of("effects.collapse_push", pushes[pushes.length - 1])));
    double one = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "largest size on 1 thread: %.2f s (speed-up 2 threads: %.2f)%n", one, one / lastWall);
    System.out.printf(Locale.ROOT, "agent_steps_per_second=%.4e%n", lastRate);
    System.out.printf(Locale.ROOT, "bytes_per_agent=%.1f%n", lastBytes);
    System.out.printf(Locale.ROOT, "collapse_run_seconds=%.3f%n", lastWall);
    System.out.printf(Locale.ROOT, "speedup_2_threads=%.3f%n", one / lastWall);
    return 0;
  }

  private double[] time(Scenario s, int threads) {
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Simulation.run(s, Simulation.Options.of(s.seed() + i, threads));
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return t;
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
