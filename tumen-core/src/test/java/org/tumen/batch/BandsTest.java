package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BandsTest {
  static RunSummary summary(int index, int firstYear, Map<String, double[]> yearly) {
    return new RunSummary(index, "s", 100 + index, -1, Map.of(), firstYear, yearly, 0, 0);
  }

  @Test
  void quantilesInterpolateBetweenOrderStatisticsAsDuckDbDoes() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) v[i] = 100 - i; // 1..100, unsorted
    // Type 7: the p-quantile sits at position 1 + p (n - 1).
    assertThat(Bands.quantile(v, 0.05)).isCloseTo(5.95, within(1e-12));
    assertThat(Bands.quantile(v, 0.5)).isCloseTo(50.5, within(1e-12));
    assertThat(Bands.quantile(v, 0.95)).isCloseTo(95.05, within(1e-12));
    assertThat(Bands.quantile(new double[] {7}, 0.05)).isEqualTo(7);
    assertThat(Bands.quantile(new double[0], 0.5)).isNaN();
  }

  @Test
  void bandsCoverEverySeriesAndYear() {
    List<RunSummary> runs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      runs.add(summary(i, 2000, Map.of("arrived", new double[] {i, 10 * i}, "hiding", new double[] {1, 1})));
    }
    List<Bands.Band> bands = Bands.of(runs);
    assertThat(bands).hasSize(4);
    Bands.Band b = bands.stream().filter(x -> x.series().equals("arrived") && x.year() == 2001).findFirst().orElseThrow();
    assertThat(b.runs()).isEqualTo(5);
    assertThat(b.p05()).isCloseTo(2, within(1e-12)); // values 0,10,..,40: 1 + 0.05*4 = 1.2th -> 0 + 0.2*10
    assertThat(b.p25()).isEqualTo(10);
    assertThat(b.p50()).isEqualTo(20);
    assertThat(b.p75()).isEqualTo(30);
    assertThat(b.p95()).isCloseTo(38, within(1e-12));
    Bands.Band flat = bands.stream().filter(x -> x.series().equals("hiding")).findFirst().orElseThrow();
    assertThat(flat.p05()).isEqualTo(1);
    assertThat(flat.p95()).isEqualTo(1);
  }

  @Test
  void ensembleTasksUseConsecutiveSeedsAndCycleThroughDraws() {
    List<RunTask> t = Ensemble.tasks("sc", 5, 1000, Map.of("b", 9.0),
        List.of(Map.of("a", 1.0, "b", 1.0), Map.of("a", 2.0)), 10);
    assertThat(t).extracting(RunTask::index).containsExactly(10, 11, 12, 13, 14);
    assertThat(t).extracting(RunTask::seed).containsExactly(1000L, 1001L, 1002L, 1003L, 1004L);
    assertThat(t).extracting(RunTask::draw).containsExactly(0, 1, 0, 1, 0);
    assertThat(t.get(1).parameters()).isEqualTo(Map.of("a", 2.0, "b", 9.0)); // a fixed override wins over a draw
    assertThat(Ensemble.tasks("sc", 2, 7, Map.of(), List.of(), 0)).extracting(RunTask::draw).containsExactly(-1, -1);
  }
}
