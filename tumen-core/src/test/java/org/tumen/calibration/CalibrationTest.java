package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Tumen;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.report.Observed;
import org.tumen.scenario.Scenario;
import org.tumen.testing.ShortScenario;

/** Calibration on the real Korea rules, on a short variant of the flagship (1990-2001). */
class CalibrationTest {
  @TempDir Path tmp;

  Scenario shortScenario() throws IOException {
    return Tumen.load(ShortScenario.create(tmp, "short", 2001, null));
  }

  static Distance distance(Scenario s) {
    return new Distance(Observed.read(s.observed().get("arrivals"), s.observed().get("hidden")));
  }

  /** The bound from the years so far never exceeds the finished run's distance, and equals it at the end. */
  @Test
  void thePartialDistanceIsALowerBoundThatGrowsToTheDistance() throws IOException {
    Scenario s = shortScenario();
    Distance distance = distance(s);
    RunSummary run = Calibration.simulate(s, new RunTask(0, "short", 3, 0, Map.of()), distance,
        Double.POSITIVE_INFINITY);
    double full = distance.of(run.firstYear(), run.yearly()).total();
    assertThat(full).isGreaterThan(0);
    double previous = 0;
    for (int y = 1990; y <= 2001; y++) {
      double bound = distance.partial(run.firstYear(), run.yearly(), y).total();
      assertThat(bound).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(full);
      previous = bound;
    }
    assertThat(previous).isEqualTo(full);
  }

  @Test
  void aRunThatCannotComeWithinTheToleranceStopsEarly() throws IOException {
    Scenario s = shortScenario();
    Distance distance = distance(s);
    RunTask task = new RunTask(0, "short", 3, 0, Map.of());
    RunSummary whole = Calibration.simulate(s, task, distance, Double.POSITIVE_INFINITY);
    double d = distance.of(whole.firstYear(), whole.yearly()).total();
    RunSummary within = Calibration.simulate(s, task, distance, d * 1.01);
    assertThat(within.yearly().keySet()).isEqualTo(whole.yearly().keySet());
    for (String k : whole.yearly().keySet()) assertThat(within.yearly().get(k)).as(k).containsExactly(whole.yearly().get(k));
    RunSummary stopped = Calibration.simulate(s, task, distance, d * 0.5);
    assertThat(stopped.yearly()).isEmpty();
    assertThat(distance.of(stopped.firstYear(), stopped.yearly()).total()).isInfinite();
  }

  /** Early rejection only skips runs that would be rejected anyway: the posterior is the same. */
  @Test
  void earlyRejectionDoesNotChangeThePosterior() throws IOException {
    Scenario s = shortScenario();
    // Cheap parameters (broker seeking; a high crossing rate would make slow runs) and a small budget.
    AbcSmc.Settings settings = AbcSmc.Settings.of(12, 0.5, 1, 4, 0.0, 5, 4, 48);
    List<String> only = List.of("brokers.seek_rate@1995", "brokers.seek_rate@1999", "brokers.seek_rate@2000", "brokers.no_contact_factor");
    AbcSmc.State fast = Calibration.smc(s, settings, 2, only, false, true).run(new Checkpoint(tmp.resolve("a")), new AbcSmc.Listener() {}, () -> false);
    AbcSmc.State slow = Calibration.smc(s, settings, 2, only, false, false).run(new Checkpoint(tmp.resolve("b")), new AbcSmc.Listener() {}, () -> false);
    assertThat(fast.history()).hasSizeGreaterThan(2);
    assertThat(fast.theta()).isDeepEqualTo(slow.theta());
    assertThat(fast.distances()).containsExactly(slow.distances());
    assertThat(fast.simulations()).isEqualTo(slow.simulations());
  }
}
