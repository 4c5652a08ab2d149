package org.tumen.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.BatchExecutorFactory;
import org.tumen.batch.LocalExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.batch.TaskRunner;

class SparkExecutorTest {
  static SparkExecutor spark;

  @BeforeAll
  static void startSpark() {
    spark = new SparkExecutor("local[2]");
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  /** A 64-task sweep: 8 seeds x 8 arrest rates, as `tumen sweep` would make. */
  static List<RunTask> sweep() {
    List<RunTask> tasks = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      tasks.add(new RunTask(i, "scenarios/korea", 1000 + i % 8, i / 8, Map.of("arrest_rate", 0.05 + 0.05 * (i / 8))));
    }
    return tasks;
  }

  @Test
  void sparkGivesTheSameSummariesAsTheLocalExecutor() {
    List<RunTask> tasks = sweep();
    TaskRunner runner = PseudoModel::run;

    long t0 = System.nanoTime();
    List<RunSummary> local;
    try (LocalExecutor executor = new LocalExecutor(2)) {
      local = executor.execute(tasks, runner, null);
    }
    long t1 = System.nanoTime();
    List<RunSummary> onSpark = spark.execute(tasks, runner, null); // includes starting Spark
    long t2 = System.nanoTime();
    List<RunSummary> again = spark.execute(tasks, runner, null);
    long t3 = System.nanoTime();
    System.out.printf("64 tasks: local[2] %.0f ms, spark local[2] %.0f ms (first, with start-up), %.0f ms (warm)%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);

    assertThat(onSpark).hasSize(64);
    for (int i = 0; i < 64; i++) {
      assertThat(onSpark.get(i).index()).isEqualTo(i);
      assertThat(onSpark.get(i).sameResults(local.get(i))).as("task %d", i).isTrue();
      assertThat(again.get(i).sameResults(local.get(i))).as("task %d, second batch", i).isTrue();
    }
    // The sweep really varies: different draws give different results.
    assertThat(local.get(0).sameResults(local.get(8))).isFalse();
  }

  @Test
  void progressCountsEveryTask() {
    List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    spark.execute(sweep(), PseudoModel::run, (done, total) -> {
      assertThat(total).isEqualTo(64);
      seen.add(done);
    });
    assertThat(seen).isSorted().last().isEqualTo(64);
  }

  @Test
  void aFailingTaskFailsTheBatchWithItsOwnException() {
    TaskRunner failing = task -> {
      if (task.index() == 5) throw new IllegalArgumentException("no such place: Hyesan2");
      return PseudoModel.run(task);
    };
    assertThatThrownBy(() -> spark.execute(sweep(), failing, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no such place: Hyesan2");
  }

  @Test
  void theCoreFindsTheFactory() {
    try (BatchExecutor e = BatchExecutorFactory.forSpark("spark:local[2]", 1)) {
      assertThat(e).isInstanceOf(SparkExecutor.class);
      assertThat(e.describe()).isEqualTo("spark:local[2]");
    }
  }

  @Test
  void masterUrls() {
    assertThat(SparkExecutorFactory.masterUrl("local[2]", 1)).isEqualTo("local[2]");
    assertThat(SparkExecutorFactory.masterUrl("spark:local[*]", 1)).isEqualTo("local[*]");
    assertThat(SparkExecutorFactory.masterUrl("local", 3)).isEqualTo("local[3]");
    assertThat(SparkExecutorFactory.masterUrl("spark://head:7077", 1)).isEqualTo("spark://head:7077");
    assertThat(SparkExecutorFactory.masterUrl("spark:yarn", 1)).isEqualTo("yarn");
    assertThat(SparkExecutorFactory.masterUrl("local[two]", 1)).isNull();
    assertThat(SparkExecutorFactory.masterUrl("threads", 1)).isNull();
  }
}
