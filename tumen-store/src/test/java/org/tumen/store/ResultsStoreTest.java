package org.tumen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.batch.RunSummary;
import org.tumen.scenario.InvalidInputException;

class ResultsStoreTest {
  @TempDir Path dir;

  @Test
  void aNewStoreAppearsWholeAndLeavesNoTemporaryFileBehind() throws Exception {
    Path file = dir.resolve("sub").resolve("runs.duckdb");
    // What a process killed while making a store leaves: a stray temporary file, never the store itself.
    Files.createDirectories(file.getParent());
    Files.writeString(file.resolveSibling("runs.duckdb.new-1-dead"), "half a store");
    ResultsStore store = new ResultsStore(file);
    store.recordBatch(Fixtures.ensemble("scenarios/a"), Fixtures.batch(3, "scenarios/a", 1));
    assertThat(store.list()).hasSize(1);
    try (var names = Files.list(file.getParent())) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("runs.duckdb", "runs.duckdb.new-1-dead");
    }
  }

  @Test
  void creatingAStoreThatAnotherProcessJustCreatedKeepsTheirs() {
    Path file = dir.resolve("runs.duckdb");
    ResultsStore store = new ResultsStore(file);
    store.recordBatch(Fixtures.ensemble("scenarios/a"), Fixtures.batch(3, "scenarios/a", 1));
    store.create(); // as a process that found no file, then lost the race to create it, would
    assertThat(store.list()).hasSize(1);
    assertThat(store.members(store.list().get(0).id())).hasSize(3);
  }

  ResultsStore store() {
    return new ResultsStore(dir.resolve("runs.duckdb"), Duration.ofSeconds(30),
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
  }

  @Test
  void aSingleRunRoundTrips() {
    ResultsStore store = store();
    RunSummary run = Fixtures.summary(0, "scenarios/korea", 42);
    long id = store.recordRun(new RunMeta("0.1.0", "sha256:feed", 2, "first try"), run);

    RunDetail d = store.show(id);
    assertThat(d.run().kind()).isEqualTo(Kind.RUN);
    assertThat(d.run().seed()).isEqualTo(42L);
    assertThat(d.run().scenarioHash()).isEqualTo("sha256:feed");
    assertThat(d.run().note()).isEqualTo("first try");
    assertThat(d.run().created()).hasToString("2026-01-02T03:04:05");
    assertThat(d.parameters()).isEqualTo(run.parameters());
    assertThat(d.firstYear()).isEqualTo(1990);
    assertThat(d.yearly().keySet()).isEqualTo(run.yearly().keySet());
    for (String s : run.yearly().keySet()) assertThat(d.yearly().get(s)).containsExactly(run.series(s));
    assertThat(store.list()).extracting(RunRow::id).containsExactly(id);
  }

  @Test
  void anEnsembleKeepsEveryMemberAndItsBands() {
    ResultsStore store = store();
    List<RunSummary> runs = Fixtures.batch(50, "scenarios/korea", 100);
    long id = store.recordBatch(Fixtures.ensemble("scenarios/korea"), runs);

    assertThat(store.list()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(id);
      assertThat(r.kind()).isEqualTo(Kind.ENSEMBLE);
      assertThat(r.members()).isEqualTo(50);
      assertThat(r.executor()).isEqualTo("local[2]");
    });
    assertThat(store.members(id)).hasSize(50).allSatisfy(m -> assertThat(m.parentId()).isEqualTo(id));

    List<RunSummary> back = store.summaries(id);
    assertThat(back).hasSize(50);
    for (int i = 0; i < 50; i++) assertThat(back.get(i).sameResults(runs.get(i))).as("run %d", i).isTrue();

    // The median band of one series and year equals the median computed here.
    double[] values = runs.stream().mapToDouble(r -> r.value("crossed", 2000)).sorted().toArray();
    double median = (values[24] + values[25]) / 2;
    Band band = store.show(id).bands().stream()
        .filter(b -> b.series().equals("crossed") && b.year() == 2000).findFirst().orElseThrow();
    assertThat(band.runs()).isEqualTo(50);
    assertThat(band.p50()).isCloseTo(median, within(1e-9));
    assertThat(band.p05()).isLessThanOrEqualTo(band.p25());
    assertThat(band.p75()).isLessThanOrEqualTo(band.p95());
    assertThat(store.show(id).bands()).hasSize(Fixtures.SERIES.size() * 41);
  }

  @Test
  void aComparisonHasBandsPerScenario() {
    ResultsStore store = store();
    List<RunSummary> runs = new ArrayList<>(Fixtures.batch(10, "scenarios/korea", 1));
    for (RunSummary r : Fixtures.batch(10, "scenarios/korea-unhcr", 1)) {
      runs.add(new RunSummary(r.index() + 10, r.scenario(), r.seed(), r.draw(), r.parameters(), r.firstYear(),
          r.yearly(), r.wallSeconds(), r.agentDays()));
    }
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("scenarios/korea", "h1");
    hashes.put("scenarios/korea-unhcr", "h2");
    long id = store.recordBatch(new BatchMeta(Kind.COMPARE, "0.1.0", hashes, "local[2]", 1, 1.0, null), runs);

    RunDetail d = store.show(id);
    assertThat(d.run().scenario()).isEqualTo("scenarios/korea | scenarios/korea-unhcr");
    assertThat(d.run().scenarioHash()).isEqualTo("h1 | h2");
    assertThat(d.bands()).extracting(Band::scenario).containsOnly("scenarios/korea", "scenarios/korea-unhcr");
    assertThat(store.members(id)).extracting(RunRow::scenarioHash).containsOnly("h1", "h2");
  }

  @Test
  void aSweepHasNoBands() {
    ResultsStore store = store();
    long id = store.recordBatch(new BatchMeta(Kind.SWEEP, "0.1.0", Map.of("s", "h"), "local[1]", 1, 1.0, null),
        Fixtures.batch(5, "s", 1));
    assertThat(store.show(id).bands()).isEmpty();
    assertThat(store.members(id)).hasSize(5);
  }

  /** What a process killed while creating a new store leaves: a DuckDB file without tables. */
  @Test
  void aStoreWhoseFirstRecordingNeverCommittedReadsAsEmpty() throws Exception {
    Path file = dir.resolve("runs.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)");
      }
      c.rollback();
    }
    assertThat(Files.exists(file)).isTrue();
    ResultsStore store = store();
    assertThat(store.list()).isEmpty();
    long id = store.recordRun(new RunMeta("0.1.0", null, 1, null), Fixtures.summary(0, "s", 1));
    assertThat(store.list()).extracting(RunRow::id).containsExactly(id);
  }

  @Test
  void aFailedRecordingLeavesNothing() throws Exception {
    ResultsStore store = store();
    store.recordRun(new RunMeta("0.1.0", null, 1, null), Fixtures.summary(0, "s", 1));
    assertThatThrownBy(() -> store.recordBatch(Fixtures.ensemble("s"), Fixtures.batch(30, "s", 1), c -> {
      throw new SQLException("disk full (simulated)");
    })).isInstanceOf(StoreException.class).hasMessageContaining("disk full");

    assertThat(store.list()).hasSize(1);
    assertThat(count("runs")).isEqualTo(1);
    assertThat(count("yearly")).isEqualTo(Fixtures.SERIES.size() * 41);
    assertThat(count("bands")).isZero();
  }

  @Test
  void anUnknownIdIsTheUsersMistake() {
    ResultsStore store = store();
    store.recordRun(new RunMeta("0.1.0", null, 1, null), Fixtures.summary(0, "s", 1));
    assertThatThrownBy(() -> store.show(99)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no run with id 99");
  }

  @Test
  void aMissingStoreReadsAsEmpty() {
    assertThat(store().list()).isEmpty();
    assertThat(Files.exists(dir.resolve("runs.duckdb"))).isFalse();
  }

  @Test
  void exportsEveryTableToParquetAndCsv() throws Exception {
    ResultsStore store = store();
    store.recordBatch(Fixtures.ensemble("s"), Fixtures.batch(3, "s", 1));
    List<Path> parquet = store.exportParquet(dir.resolve("parquet"));
    List<Path> csv = store.exportCsv(dir.resolve("csv"));
    assertThat(parquet).extracting(p -> p.getFileName().toString())
        .containsExactly("runs.parquet", "parameters.parquet", "yearly.parquet", "bands.parquet");
    assertThat(csv).extracting(p -> p.getFileName().toString())
        .containsExactly("runs.csv", "parameters.csv", "yearly.csv", "bands.csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM '" + parquet.get(2) + "'),"
            + " (SELECT count(*) FROM read_csv('" + csv.get(0) + "'))")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(3L * Fixtures.SERIES.size() * 41);
      assertThat(rs.getLong(2)).isEqualTo(4);
    }
    assertThat(Files.list(dir.resolve("csv"))).hasSize(4); // no temporaries left
  }

  @Test
  void theDocumentedQueriesWork() throws Exception {
    ResultsStore store = store();
    store.recordBatch(Fixtures.ensemble("scenarios/korea"), Fixtures.batch(20, "scenarios/korea", 1));
    store.recordBatch(new BatchMeta(Kind.SWEEP, "0.1.0", Map.of("scenarios/korea", "h"), "local[2]", 1, 1, null),
        Fixtures.batch(10, "scenarios/korea", 1));
    // The examples of docs/STORE.md, word for word.
    assertThat(rows(store, """
        SELECT year, round(p05) AS p05, round(p50) AS median, round(p95) AS p95
        FROM bands
        WHERE series = 'arrived_south_korea'
          AND batch_id = (SELECT max(id) FROM runs WHERE kind = 'ensemble')
        ORDER BY year""")).isEqualTo(41);
    assertThat(rows(store, """
        SELECT r.batch_index, p.value AS bribe_usd, y.value AS arrivals_2011
        FROM runs r
        JOIN parameters p ON p.run_id = r.id AND p.name = 'bribe_usd'
        JOIN yearly y ON y.run_id = r.id AND y.series = 'arrived_south_korea' AND y.year = 2011
        WHERE r.parent_id = (SELECT max(id) FROM runs WHERE kind = 'sweep')
        ORDER BY bribe_usd""")).isEqualTo(10);
    assertThat(rows(store, """
        PIVOT (SELECT year, series, value FROM yearly
               WHERE run_id = (SELECT min(id) FROM runs WHERE kind = 'run'))
        ON series USING first(value)
        ORDER BY year""")).isEqualTo(41);
    assertThat(rows(store, """
        SELECT id, kind, created, scenario, members, executor, round(wall_seconds, 1) AS seconds
        FROM runs WHERE parent_id IS NULL ORDER BY id DESC LIMIT 20""")).isEqualTo(2);
  }

  static int rows(ResultsStore store, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store.file());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int rows = 0;
      while (rs.next()) rows++;
      return rows;
    }
  }

  long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store().file());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
