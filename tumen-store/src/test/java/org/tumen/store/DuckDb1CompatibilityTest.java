package org.tumen.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store opens in the DuckDB 1.x that users have installed (the newest 1.x release of the command line and
 * Python, whose JDBC driver Maven copies into target/duckdb-1.x): a separate JVM with only that driver on its
 * class path opens the file read-only and runs the queries of docs/STORE.md.
 */
class DuckDb1CompatibilityTest {
  @TempDir Path dir;

  static final String BANDS = "SELECT year, p50 FROM bands WHERE series = 'arrived_south_korea'"
      + " AND batch_id = (SELECT max(id) FROM runs WHERE kind = 'ensemble') ORDER BY year";

  @Test
  void aNewStoreOpensInDuckDb1AndGivesTheSameNumbers() throws Exception {
    ResultsStore store = new ResultsStore(dir.resolve("runs.duckdb"));
    long ensemble = store.recordBatch(Fixtures.ensemble("scenarios/korea"), Fixtures.batch(20, "scenarios/korea", 1));
    store.recordBatch(new BatchMeta(Kind.SWEEP, "0.1.0", Map.of("scenarios/korea", "h"), "local[2]", 1, 1, null),
        Fixtures.batch(10, "scenarios/korea", 1));

    List<String> out = readWithDuckDb1(store.file(), BANDS, "SELECT count(*) FROM runs WHERE parent_id IS NULL",
        // the documented sweep query (docs/STORE.md)
        "SELECT r.batch_index, p.value AS bribe_usd, y.value AS arrivals_2011 FROM runs r"
            + " JOIN parameters p ON p.run_id = r.id AND p.name = 'bribe_usd'"
            + " JOIN yearly y ON y.run_id = r.id AND y.series = 'arrived_south_korea' AND y.year = 2011"
            + " WHERE r.parent_id = (SELECT max(id) FROM runs WHERE kind = 'sweep') ORDER BY bribe_usd");
    assertThat(out.get(0)).startsWith("version\tv1.");
    List<String> expected = new ArrayList<>();
    for (Band b : store.show(ensemble).bands()) {
      if (b.series().equals("arrived_south_korea")) expected.add(b.year() + "\t" + b.p50());
    }
    assertThat(section(out, 1)).hasSize(41).isEqualTo(expected);
    assertThat(section(out, 2)).containsExactly("2");
    assertThat(section(out, 3)).hasSize(10);
  }

  @Test
  void aStoreInDuckDb2sOwnFormatIsRewrittenOnTheNextRecordingAndKeepsEverything() throws Exception {
    Path file = dir.resolve("old.duckdb");
    ResultsStore store = new ResultsStore(file);
    store.recordBatch(Fixtures.ensemble("scenarios/korea"), Fixtures.batch(5, "scenarios/korea", 1));
    // What an earlier Tumen left: the same tables in the 2.x driver's default format, which DuckDB 1.x refuses.
    Path old = dir.resolve("made-by-2.x.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old); Statement s = c.createStatement()) {
      s.execute("ATTACH " + ParquetEventLog.sqlString(file.toString()) + " AS src (READ_ONLY)");
      s.execute("COPY FROM DATABASE src TO " + currentDatabase(c));
    }
    assertThat(storageVersion(old)).startsWith("v2");
    Files.move(old, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(run(file, BANDS).exitCode).as("DuckDB 1.x cannot open the 2.x format").isNotZero();

    store.recordBatch(Fixtures.ensemble("scenarios/korea"), Fixtures.batch(7, "scenarios/korea", 100));
    assertThat(storageVersion(file)).isEqualTo(ResultsStore.STORAGE_VERSION + "+");
    assertThat(store.list()).extracting(RunRow::members).containsExactly(5, 7);
    assertThat(store.summaries(store.list().get(0).id())).hasSize(5);
    assertThat(section(readWithDuckDb1(file, "SELECT count(*) FROM runs"), 1)).containsExactly("14");
    try (var names = Files.list(dir)) {
      assertThat(names.map(p -> p.getFileName().toString())).containsExactly("old.duckdb"); // no temporary file left
    }
  }

  @Test
  void theParquetExportOpensInDuckDb1() throws Exception {
    ResultsStore store = new ResultsStore(dir.resolve("runs.duckdb"));
    store.recordBatch(Fixtures.ensemble("scenarios/korea"), Fixtures.batch(4, "scenarios/korea", 1));
    Path export = dir.resolve("export");
    store.exportParquet(export);
    List<String> out = readWithDuckDb1(store.file(),
        "SELECT count(*) FROM " + ParquetEventLog.sqlString(export.resolve("yearly.parquet").toString()),
        "SELECT count(*) FROM " + ParquetEventLog.sqlString(export.resolve("runs.parquet").toString()));
    assertThat(section(out, 1)).containsExactly(String.valueOf(4 * 5 * 41));
    assertThat(section(out, 2)).containsExactly("5");
  }

  @Test
  void storageVersionsCompareByTheirNumbers() {
    assertThat(ResultsStore.compareVersions("v1.0.0+", "v1.0.0")).isZero();
    assertThat(ResultsStore.compareVersions("v0.10.2", "v1.0.0")).isNegative();
    assertThat(ResultsStore.compareVersions("v1.5.0+", "v1.0.0")).isPositive();
    assertThat(ResultsStore.compareVersions("v2.0.0", "v1.0.0")).isPositive();
  }

  // ---- helpers

  record Output(int exitCode, List<String> lines) {}

  /** The output of {@link DuckDb1Reader} on the file; fails unless it exits 0. */
  static List<String> readWithDuckDb1(Path file, String... queries) throws Exception {
    Output o = run(file, queries);
    assertThat(o.exitCode).as("DuckDB 1.x reading " + file + ":\n" + String.join("\n", o.lines)).isZero();
    return o.lines;
  }

  static Output run(Path file, String... queries) throws Exception {
    Path jar = Path.of(System.getProperty("tumen.duckdb1.jar", "target/duckdb-1.x/missing.jar"));
    assertThat(jar).as("DuckDB 1.x's JDBC driver (copied by Maven: mvn test in tumen-store)").isRegularFile();
    Path classes = Path.of(DuckDb1Reader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", jar + java.io.File.pathSeparator + classes, DuckDb1Reader.class.getName(), file.toString()));
    command.addAll(List.of(queries));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Output(p.exitValue(), text.lines().toList());
  }

  /** The rows printed for the n-th query (1-based). */
  static List<String> section(List<String> lines, int n) {
    List<String> out = new ArrayList<>();
    int seen = 0;
    for (String l : lines) {
      if (l.startsWith("# ")) seen++;
      else if (seen == n) out.add(l);
    }
    return out;
  }

  static String storageVersion(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()")) {
      r.next();
      return r.getString(1);
    }
  }

  static String currentDatabase(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
      r.next();
      return "\"" + r.getString(1) + "\"";
    }
  }
}
