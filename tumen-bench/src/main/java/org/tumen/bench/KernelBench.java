package org.tumen.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.engine.DayCalendar;
import org.tumen.engine.RandomStream;
import org.tumen.engine.Workers;
import org.tumen.scenario.Scenario;

/** The engine's kernels: random draws, the day calendar, the team's fork-join, and a whole flagship run. */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
public class KernelBench {
  private final RandomStream rng = new RandomStream(1, 2, 3, 4);
  private long counter;

  /** Cohort sizes for the binomial benchmark. */
  @State(Scope.Thread)
  public static class Cohort {
    @Param({"1000", "1000000"})
    public long size;
  }

  /** The flagship scenario, loaded once. */
  @State(Scope.Benchmark)
  public static class Flagship {
    Scenario korea;

    @Setup
    public void load() {
      korea = Tumen.load(Path.of(System.getProperty("tumen.scenario", "scenarios/korea")));
    }
  }

  /** One cohort's daily crossing draw: a binomial with a small probability and a large population. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long binomialDraw(Cohort c) {
    rng.reset(7, 2, 11, counter++);
    return rng.binomial(c.size, 2e-5);
  }

  /** Re-seeding an agent's stream and drawing an exponential waiting time: the per-event cost of randomness. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double agentWaitingTime() {
    rng.reset(7, 1, counter++, 3);
    return rng.exponential(0.001);
  }

  /** A team of two threads, as a run on two threads has. */
  @State(Scope.Benchmark)
  public static class Team {
    Workers workers;
    final long[] sums = new long[32];

    @Setup
    public void start() {
      workers = new Workers(2);
    }

    @TearDown
    public void stop() {
      workers.close();
    }
  }

  /**
   * Handing two small tasks to the team and waiting for both: what splitting a phase of a day costs. A
   * day has up to three such phases, so this bounds how small a day's share of work can usefully be.
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public long teamForkJoin(Team t) {
    t.workers.forEach(2, i -> t.sums[i * 16] += i + 1);
    return t.sums[0];
  }

  /** Scheduling a million agents over 40 years of day buckets. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void calendarMillion(Blackhole bh) {
    DayCalendar cal = new DayCalendar(15_000);
    RandomStream r = new RandomStream(1, 1, 1, 1);
    for (int a = 0; a < 1_000_000; a++) cal.schedule(a, r.nextInt(15_000));
    bh.consume(cal.size(7_000));
  }

  /** A whole flagship run, 1990-2030, on one thread. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Measurement(iterations = 5, time = 5)
  public long flagshipRun(Flagship f) {
    return Simulation.run(f.korea, Simulation.Options.of(counter++, 1)).agentDays();
  }
}
