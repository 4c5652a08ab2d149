package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.stat.StatUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.batch.PairedComparison.Difference;
import org.tumen.batch.PairedComparison.Outcome;
import org.tumen.engine.RandomStream;
import org.tumen.testing.ShortScenario;

class PairedComparisonTest {
  @TempDir Path tmp;

  /** A run whose arrivals are noise keyed by the seed, plus a scenario's shift. */
  static RunSummary fake(int index, String scenario, long seed, double shift) {
    RandomStream r = new RandomStream(seed, 1, 0, 0);
    double[] arrived = new double[3], died = new double[3];
    for (int y = 0; y < 3; y++) {
      arrived[y] = 1000 + 500 * r.nextDouble() + shift;
      died[y] = 10;
    }
    Map<String, double[]> yearly = new TreeMap<>(Map.of("arrived_south_korea", arrived, "died", died));
    return new RunSummary(index, scenario, seed, -1, Map.of(), 2010, yearly, 0, 0);
  }

  @Test
  void aKnownShiftGivesThatDifferenceWithANarrowInterval() {
    List<String> scenarios = List.of("A", "B", "C");
    List<RunTask> tasks = PairedComparison.tasks(scenarios, 20, 500, Map.of(), List.of());
    assertThat(tasks).hasSize(60);
    List<RunSummary> runs = new ArrayList<>();
    double[] shift = {0, 25, -40};
    for (RunTask t : tasks) runs.add(fake(t.index(), t.scenario(), t.seed(), shift[t.index() / 20]));
    List<Outcome> outcomes = List.of(new Outcome("arrivals", List.of("arrived_south_korea")),
        new Outcome("deaths", List.of("died")));
    List<Difference> d = PairedComparison.differences(runs, scenarios, 20, outcomes, 2010, 2012);

    Difference bTotal = find(d, "B", "arrivals", 0);
    assertThat(bTotal.mean()).isCloseTo(75, within(1e-9)); // 25 a year over 3 years
    assertThat(bTotal.p05()).isCloseTo(75, within(1e-9)); // common random numbers: the noise cancels
    assertThat(bTotal.p95()).isCloseTo(75, within(1e-9));
    assertThat(find(d, "C", "arrivals", 2011).mean()).isCloseTo(-40, within(1e-9));
    assertThat(find(d, "C", "deaths", 0).mean()).isZero();
    assertThat(bTotal.baselineMean()).isBetween(3000.0, 4500.0);
    assertThat(d).hasSize(2 * 2 * 4); // 2 compared scenarios x 2 outcomes x (total + 3 years)
  }

  @Test
  void unpairedRunsAreRefused() {
    List<RunSummary> runs = List.of(fake(0, "A", 1, 0), fake(1, "B", 2, 0));
    assertThatThrownBy(() -> PairedComparison.differences(runs, List.of("A", "B"), 1, PairedComparison.OUTCOMES, 2010, 2010))
        .hasMessageContaining("not paired");
  }

  private static Difference find(List<Difference> d, String scenario, String outcome, int year) {
    return d.stream().filter(x -> x.scenario().equals(scenario) && x.outcome().equals(outcome) && x.year() == year)
        .findFirst().orElseThrow();
  }

  /**
   * On the real model: the paired differences of two scenarios vary much less than differences of runs with
   * different seeds would, which is what common random numbers are for.
   */
  @Test
  void commonRandomNumbersReduceTheVarianceOfDifferences() throws Exception {
    Path a = ShortScenario.create(tmp, "a", 1993, null);
    Path b = ShortScenario.create(tmp, "b", 1993, ShortScenario.parameter("unhcr", "access_probability", 0.2, "probability"));
    int n = 6;
    List<RunTask> paired = PairedComparison.tasks(List.of(a.toString(), b.toString()), n, 77, Map.of(), List.of());
    List<RunSummary> runs;
    try (LocalExecutor ex = new LocalExecutor(2)) {
      runs = ex.execute(paired, Simulation::runTask, null);
    }
    List<RunTask> otherSeeds = Ensemble.tasks(b.toString(), n, 10_000, Map.of(), List.of(), 0);
    List<RunSummary> unpairedB;
    try (LocalExecutor ex = new LocalExecutor(2)) {
      unpairedB = ex.execute(otherSeeds, Simulation::runTask, null);
    }
    Outcome rep = new Outcome("repatriations", List.of("repatriated"));
    double[] pairedDiff = new double[n], unpairedDiff = new double[n];
    for (int i = 0; i < n; i++) {
      double ai = PairedComparison.total(rep, runs.get(i), 1990, 1993);
      pairedDiff[i] = PairedComparison.total(rep, runs.get(n + i), 1990, 1993) - ai;
      unpairedDiff[i] = PairedComparison.total(rep, unpairedB.get(i), 1990, 1993) - ai;
    }
    assertThat(StatUtils.mean(pairedDiff)).isNegative(); // with UNHCR review, fewer people are sent back
    assertThat(StatUtils.variance(pairedDiff)).isLessThan(StatUtils.variance(unpairedDiff) / 2);
  }
}
