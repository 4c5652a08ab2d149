package org.tumen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store as the CLI and the web server use it: separate processes writing the same file at once. Each
 * writer opens the file per operation and waits its turn; no batch may be lost or seen in part.
 */
class ConcurrentWritersTest {
  @TempDir Path dir;

  /** Starts {@link StoreWriterProcess} in a new JVM with this test's class path. */
  static Process child(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void twoProcessesAndThisOneWriteAtOnceAndNothingIsLost() throws Exception {
    Path file = dir.resolve("runs.duckdb");
    Process a = child("write", file.toString(), "10", "scenarios/a");
    Process b = child("write", file.toString(), "10", "scenarios/b");
    ResultsStore store = new ResultsStore(file);
    for (int i = 0; i < 10; i++) store.recordBatch(Fixtures.ensemble("scenarios/c"), Fixtures.batch(20, "scenarios/c", i));
    assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(a.exitValue()).isZero();
    assertThat(b.exitValue()).isZero();

    assertThat(store.list()).hasSize(30);
    assertThat(store.list()).extracting(RunRow::scenario).containsOnly("scenarios/a", "scenarios/b", "scenarios/c")
        .filteredOn("scenarios/a"::equals).hasSize(10);
    assertWholeBatches(file, 20);
  }

  @Test
  void aWriterWaitsWhileAnotherProcessHoldsTheFileAndThenGivesUpWithAClearError() throws Exception {
    Path file = dir.resolve("runs.duckdb");
    Process holder = child("hold", file.toString(), "5000");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
      assertThat(out.readLine()).isEqualTo("holding");
    }
    long t0 = System.nanoTime();
    ResultsStore impatient = new ResultsStore(file, Duration.ofMillis(300), Clock.systemUTC());
    assertThatThrownBy(() -> impatient.recordRun(new RunMeta("0", null, 1, null), Fixtures.summary(0, "s", 1)))
        .isInstanceOf(StoreBusyException.class)
        .hasMessageContaining("stayed busy").hasMessageContaining("another process");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4)); // bounded

    // A patient writer gets in as soon as the holder lets go.
    ResultsStore patient = new ResultsStore(file, Duration.ofSeconds(30), Clock.systemUTC());
    long id = patient.recordRun(new RunMeta("0", null, 1, null), Fixtures.summary(0, "s", 1));
    assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(patient.show(id).run().seed()).isEqualTo(1L);
  }

  @Test
  void aWriterKilledHalfWayLeavesOnlyWholeBatches() throws Exception {
    Path file = dir.resolve("runs.duckdb");
    Process writer = child("write", file.toString(), "100000", "scenarios/k");
    ResultsStore store = new ResultsStore(file);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (store.list().size() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
    writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback, mid-transaction more often than not
    assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(store.list().size()).isGreaterThanOrEqualTo(3);
    assertWholeBatches(file, 20);
    long id = store.recordBatch(Fixtures.ensemble("after"), Fixtures.batch(20, "after", 1)); // still usable
    assertThat(store.members(id)).hasSize(20);
  }

  /** Every batch has all its members, all their series, and its bands: nothing half-written. */
  static void assertWholeBatches(Path file, int members) throws Exception {
    String sql = """
        SELECT b.id,
          (SELECT count(*) FROM runs m WHERE m.parent_id = b.id) AS members,
          (SELECT count(*) FROM yearly y JOIN runs m ON m.id = y.run_id WHERE m.parent_id = b.id) AS yearly,
          (SELECT count(*) FROM bands WHERE batch_id = b.id) AS bands,
          (SELECT count(DISTINCT id) FROM runs) = (SELECT count(*) FROM runs) AS unique_ids
        FROM runs b WHERE b.parent_id IS NULL""";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int batches = 0;
      while (rs.next()) {
        batches++;
        assertThat(rs.getInt("members")).as("members of batch %d", rs.getLong("id")).isEqualTo(members);
        assertThat(rs.getInt("yearly")).isEqualTo(members * Fixtures.SERIES.size() * 41);
        assertThat(rs.getInt("bands")).isEqualTo(Fixtures.SERIES.size() * 41);
        assertThat(rs.getBoolean("unique_ids")).isTrue();
      }
      assertThat(batches).isPositive();
    }
  }

}
