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
@Command(name = "bench", description = "Benchmark whole runs: median wall time, agent-days per second, 1 vs 2 threads.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--scenario", description = "scenario to time (default: ${DEFAULT-VALUE})")
  Path scenario = Path.of("scenarios/korea");

  @Option(names = "--runs", description = "timed runs per setting (default: ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--warmup", description = "untimed runs first, for the JIT (default: ${DEFAULT-VALUE})")
  int warmup = 3;

  @Override
  public Integer call() {
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
