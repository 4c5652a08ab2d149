package org.tumen.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.batch.Bands;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.SweepGrid;
import org.tumen.testing.ShortScenario;

/** A small sweep of the real model (flagship scenario cut to 1990-1992) gives the same summaries on Spark. */
class RealSweepOnSparkTest {
  @TempDir Path tmp;

  @Test
  void aRealSweepGivesIdenticalSummariesLocallyAndOnSparkLocal2() throws Exception {
    Path scenario = ShortScenario.create(tmp, "short", 1992, null);
    SweepGrid grid = SweepGrid.parse(List.of("hiding.enforcement=0.5,2", "arrest.bribe_pay_probability=0.05,0.3"), "test");
    List<RunTask> tasks = grid.tasks(scenario.toString(), 2, 11, Map.of());
    assertThat(tasks).hasSize(8);

    List<RunSummary> local, onSpark;
    try (LocalExecutor e = new LocalExecutor(2)) {
      local = e.execute(tasks, Simulation::runTask, null);
    }
    try (SparkExecutor e = new SparkExecutor("local[2]")) {
      onSpark = e.execute(tasks, Simulation::runTask, null);
    }
    for (int i = 0; i < tasks.size(); i++) {
      assertThat(onSpark.get(i).sameResults(local.get(i))).as("task %d", i).isTrue();
    }
    assertThat(Bands.of(onSpark)).isEqualTo(Bands.of(local));
    assertThat(local.get(0).sameResults(local.get(2))).isFalse(); // the grid really varies the runs
  }
}
