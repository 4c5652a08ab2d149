package org.tumen.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.BatchExecutorFactory;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.TaskRunner;

/**
 * The real Korea model, on Spark and locally: the same 64 tasks give the same summaries. The flagship's
 * rules run over 1990-1991 only (a variant scenario), so the 128 runs take seconds, not minutes.
 */
class KoreaOnSparkTest {
  @TempDir Path dir;

  @Test
  void theSame64KoreaRunsGiveTheSameSummariesOnSparkAndLocally() throws Exception {
    Path flagship = Path.of("..", "scenarios", "korea").toAbsolutePath().normalize();
    Path scenario = dir.resolve("korea-short");
    Files.createDirectories(scenario);
    Files.writeString(scenario.resolve("scenario.yaml"), """
        # The flagship's rules over two years, for executor tests.
        name: korea-short
        base: %s
        period:
          start: 1990-01-01
          end: 1991-12-31
        """.formatted(flagship));

    List<RunTask> tasks = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      // 8 seeds x 8 crossing rates: a sweep with common random numbers, as `tumen sweep` makes.
      tasks.add(new RunTask(i, scenario.toString(), 1 + i % 8, i / 8,
          Map.of("crossing.base_rate", 0.0002 + 0.0001 * (i / 8))));
    }
    TaskRunner runner = Simulation::runTask;

    List<RunSummary> local;
    try (LocalExecutor executor = new LocalExecutor(2)) {
      local = executor.execute(tasks, runner, null);
    }
    List<RunSummary> onSpark;
    try (BatchExecutor spark = BatchExecutorFactory.forSpark("local[2]", 1)) {
      onSpark = spark.execute(tasks, runner, null);
    }

    assertThat(onSpark).hasSize(64);
    for (int i = 0; i < 64; i++) {
      assertThat(onSpark.get(i).sameResults(local.get(i))).as("task %d", i).isTrue();
    }
    assertThat(local.get(0).value("crossed", 1991)).isPositive();
    assertThat(local.get(0).sameResults(local.get(8))).as("the sweep varies the results").isFalse();
  }
}
