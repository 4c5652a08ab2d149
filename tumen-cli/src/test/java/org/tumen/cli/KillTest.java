package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real SIGKILLs: starts {@code tumen run scenarios/korea --out DIR} as its own JVM (the same command line as bin/tumen,
 * built from this test's class path), kills it with Process.destroyForcibly (SIGKILL on Linux) at random moments, and
 * checks after every kill that DIR is absent or complete (every file there and parseable) and never partial. Then an
 * uninterrupted run into the same DIR, over whatever the killed runs left behind, must give the same yearly.csv,
 * daily.csv, yearly_by_place.csv and ledger.csv byte for byte, and the same events.parquet rows, as a run that was
 * never interrupted; and nothing hidden may be left beside DIR.
 *
 * <p>System properties: {@code tumen.kill.trials} (default 5), {@code tumen.kill.seed} (default: random, printed).
 */
class KillTest {
  static final Path REPO = Path.of("").toAbsolutePath().getParent();
  static final Path KOREA = REPO.resolve("scenarios/korea");
  static final Set<String> FILES = Set.of("manifest.json", "yearly.csv", "daily.csv", "yearly_by_place.csv", "ledger.csv",
      "events.parquet");
  static final List<String> SAME_BYTES = List.of("yearly.csv", "daily.csv", "yearly_by_place.csv", "ledger.csv");

  @TempDir
  Path tmp;

  @Test
  void killedRunsLeaveNoPartialOutputAndTheNextRunIsTheSame() throws Exception {
    int trials = Integer.getInteger("tumen.kill.trials", 5);
    long seed = Long.getLong("tumen.kill.seed", System.nanoTime());
    System.out.println("KillTest: " + trials + " trials, -Dtumen.kill.seed=" + seed);
    Random random = new Random(seed);

    Path reference = tmp.resolve("reference/out");
    long t0 = System.nanoTime();
    assertThat(run(reference).waitFor()).as("uninterrupted run's exit code (log: %s)", log(reference)).isZero();
    long fullMillis = (System.nanoTime() - t0) / 1_000_000;
    assertComplete(reference);

    Path out = tmp.resolve("killed/out");
    int absent = 0, complete = 0;
    for (int t = 0; t < trials; t++) {
      // Anywhere from JVM start-up to just after the end: loading, simulating, writing events, the final moves.
      long delay = 200 + (long) (random.nextDouble() * fullMillis * 1.1);
      Process p = run(out);
      boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
      String state;
      if (Files.exists(out)) {
        assertComplete(out);
        assertSame(reference, out);
        complete++;
        state = "complete";
      } else {
        absent++;
        state = "absent";
      }
      System.out.printf("KillTest: trial %d killed at %d ms of ~%d (%s): %s, %d hidden folder(s) beside it%n", t, delay,
          fullMillis, finished ? "had finished" : "SIGKILL", state, hidden(out).size());
    }

    assertThat(run(out).waitFor()).as("run after the kills (log: %s)", log(out)).isZero();
    assertComplete(out);
    assertSame(reference, out);
    assertThat(hidden(out)).as("hidden temp folders left beside the output").isEmpty();
    System.out.printf("KillTest: %d kills (%d left no output, %d a complete one); the next run matched the reference%n",
        trials, absent, complete);
  }

  /** The java command bin/tumen runs, with this test's class path. */
  static Process run(Path out) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.createDirectories(out.getParent());
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseG1GC", "-cp", cp, "org.tumen.cli.Main", "run",
        KOREA.toString(), "--out", out.toString(), "--threads", "2"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(out).toFile()).start();
  }

  static Path log(Path out) {
    return out.resolveSibling("run.log");
  }

  /** Hidden folders beside {@code out} that belong to it (.out.partial-*, .out.old-*). */
  static List<String> hidden(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("." + out.getFileName() + ".")).toList();
    }
  }

  static void assertComplete(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(FILES);
    }
    var manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(20120403L);
    for (String csv : SAME_BYTES) {
      int rows = 0, fields = -1;
      try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(dir.resolve(csv))) {
        for (CsvRecord rec : r) {
          if (fields < 0) fields = rec.getFieldCount();
          assertThat(rec.getFieldCount()).as("%s line %d", csv, rec.getStartingLineNumber()).isEqualTo(fields);
          rows++;
        }
      }
      assertThat(rows).as(csv + " rows").isGreaterThan(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet(" + sql(dir.resolve("events.parquet")) + ")")) {
      rs.next();
      assertThat(rs.getLong(1)).as("events").isPositive();
    }
  }

  static void assertSame(Path expected, Path actual) throws IOException, SQLException {
    for (String f : SAME_BYTES) {
      assertThat(Files.mismatch(expected.resolve(f), actual.resolve(f))).as(f + ": first differing byte").isEqualTo(-1L);
    }
    String a = sql(expected.resolve("events.parquet")), b = sql(actual.resolve("events.parquet"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM read_parquet(" + a + ")), (SELECT count(*) FROM read_parquet(" + b
            + ")), (SELECT count(*) FROM (SELECT * FROM read_parquet(" + a + ") EXCEPT ALL SELECT * FROM read_parquet(" + b
            + ")))")) {
      rs.next();
      assertThat(rs.getLong(2)).as("events rows").isEqualTo(rs.getLong(1));
      assertThat(rs.getLong(3)).as("events rows in one file but not the other").isZero();
    }
  }

  static String sql(Path p) {
    return "'" + p.toString().replace("'", "''") + "'";
  }
}
