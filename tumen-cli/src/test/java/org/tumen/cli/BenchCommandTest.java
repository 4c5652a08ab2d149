package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.testing.ShortScenario;

/** `tumen bench`: its tables and the name=value lines scripts track, on short runs. */
class BenchCommandTest {
  @TempDir static Path tmp;
  static Path shortFlagship;

  @BeforeAll
  static void scenario() throws Exception {
    shortFlagship = ShortScenario.create(tmp, "short", 1992, null);
  }

  @Test
  void endsWithTheFiguresScriptsTrack() {
    var r = BatchCommandsTest.tumen("bench", "--scenario", shortFlagship.toString(), "--runs", "1", "--warmup", "0");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("1 thread", "2 threads", "2 runs at once", "bytes per agent");
    // The collector's pauses, which stop both threads of a two-thread run (docs/PERFORMANCE.md).
    assertThat(r.out()).containsPattern("collector per timed run: 1 thread median [0-9]+ collections \\([0-9]+ ms\\), "
        + "2 threads median [0-9]+ collections \\([0-9]+ ms\\)").containsPattern("(?m)^gc_pause_ms_2_threads=[0-9]+$");
    for (String name : new String[] {"flagship_run_seconds", "flagship_speedup_2_threads", "throughput_speedup_2_threads",
        "agent_steps_per_second", "bytes_per_agent", "speedup_2_threads"}) {
      assertThat(r.out()).containsPattern("(?m)^" + name + "=[0-9.]+(e[+-]?[0-9]+)?$");
    }
    if (Runtime.getRuntime().availableProcessors() >= 2) {
      assertThat(r.out()).contains("two-core capacity").containsPattern("(?m)^core_round_trip_ns=[0-9]+$")
          .containsPattern("(?m)^two_core_capacity=[0-9.]+$");
    }
  }

  @Test
  void theCollapseBenchReportsEverySizeAndTheSpeedUp() {
    var r = BatchCommandsTest.tumen("bench", "--scenario", shortFlagship.toString(), "--runs", "1", "--warmup", "0",
        "--collapse", "--collapse-scenario", "../scenarios/korea-collapse", "--pushes", "1,2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Collapse at scale", "push 2,").containsPattern("(?m)^1 +[0-9,]+ ")
        .containsPattern("(?m)^2 +[0-9,]+ ");
    for (String name : new String[] {"collapse_agents", "collapse_run_seconds", "speedup_2_threads", "bytes_per_agent"}) {
      assertThat(r.out()).containsPattern("(?m)^" + name + "=[0-9.]+(e[+-]?[0-9]+)?$");
    }
  }

  @Test
  void theMachineFiguresAreMeasuredNotMadeUp() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two processors");
    // Two cores hand a cache line back and forth in tens to thousands of nanoseconds, never in none; two
    // threads never do more than twice the work of one (the margin is timer noise).
    assertThat(BenchCommand.coreRoundTripNanos()).isGreaterThan(1).isLessThan(1e6);
    assertThat(BenchCommand.twoCoreCapacity()).isGreaterThan(0.3).isLessThan(2.3);
  }

  @Test
  void badCountsAreUserMistakes() {
    var r = BatchCommandsTest.tumen("bench", "--scenario", shortFlagship.toString(), "--runs", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--runs", "must be at least 1");
    assertThat(r.out()).doesNotContain("speedup_2_threads");
  }
}
