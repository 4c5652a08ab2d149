package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.testing.ShortScenario;
import picocli.CommandLine;

/**
 * The CI version of the global calibration, SBC and backtest: the flagship cut to 1990-2003, a reference table
 * of 80 prior simulations (each cut at 400,000 events), origins 2000 and 2001. What it checks is the
 * machinery (files, determinism, resumption, refusal of another table), not the statistics, which need the
 * full table (docs/FORECASTING.md).
 */
class TableCommandsTest {
  @TempDir static Path tmp;
  static Path scenario, table;
  static final List<String> TABLE = List.of("--size", "80", "--chunk", "20", "--max-events", "400000", "--accept", "10", "--train", "40");

  static int run(String... args) {
    return Main.execute(args);
  }

  static String[] args(String command, String out, String... more) {
    List<String> a = new ArrayList<>(List.of(command, scenario.toString(), "--table", table.toString(), "--out", out));
    a.addAll(TABLE);
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @BeforeAll
  static void buildTable() throws IOException {
    scenario = ShortScenario.create(tmp, "short", 2003, null);
    table = tmp.resolve("table");
    assertThat(run(args("abc", tmp.resolve("abc").toString()))).isEqualTo(0);
  }

  @Test
  void calibrationWritesAWeightedPosteriorOfTheEstimatedParameters() throws IOException {
    List<String> lines = Files.readAllLines(tmp.resolve("abc/posterior.csv"));
    assertThat(lines.get(0)).startsWith("weight,distance");
    assertThat(lines).hasSize(1 + 10);
    assertThat(Files.readString(tmp.resolve("abc/parameters.txt"))).contains("crossing.base_rate").contains("People hiding in China");
    assertThat(ReferenceTableFiles.chunks(table)).isEqualTo(4);
  }

  @Test
  void backtestWritesScoredRowsForTheModelAndTheBaselinesDeterministically() throws IOException {
    Path a = tmp.resolve("bt-a"), b = tmp.resolve("bt-b");
    assertThat(run(args("backtest", a.toString(), "--origins", "2000,2001"))).isEqualTo(0);
    assertThat(run(args("backtest", b.toString(), "--origins", "2000,2001", "--threads", "1"))).isEqualTo(0);
    List<String> csv = Files.readAllLines(a.resolve("backtest.csv"));
    assertThat(csv.get(0)).isEqualTo("origin,year,horizon,forecaster,observed,median,p05,p25,p75,p95,wis");
    // 2000: 2001-2003 (3 years), 2001: 2002-2003 (2 years); five forecasters.
    assertThat(csv).hasSize(1 + 5 * 5);
    for (String f : List.of("tumen", "tumen_model", "persistence", "trend5", "drift")) {
      assertThat(csv).anyMatch(l -> l.startsWith("2000,2003,3," + f + ","));
    }
    assertThat(Files.readString(b.resolve("backtest.csv"))).isEqualTo(Files.readString(a.resolve("backtest.csv")));
    assertThat(Files.readAllLines(a.resolve("discrepancy.csv"))).first().isEqualTo("as_of,errors,sigma");
  }

  @Test
  void sbcWritesCoverageAndRankHistograms() throws IOException {
    Path out = tmp.resolve("sbc");
    assertThat(run(args("sbc", out.toString(), "--replicates", "10"))).isEqualTo(0);
    assertThat(Files.readAllLines(out.resolve("sbc.csv")).get(0)).startsWith("parameter,replicates,estimated_share,coverage50,coverage90");
    assertThat(Files.readString(out.resolve("sbc.svg"))).startsWith("<svg").contains("crossing.base_rate");
    assertThat(Files.readAllLines(out.resolve("sbc_ranks.csv"))).hasSize(1 + 10 * 68);
  }

  /** A lost chunk is simulated again, to the same bytes: what resuming after a kill relies on. */
  @Test
  void aMissingChunkIsRebuiltIdentically() throws IOException {
    Path copy = tmp.resolve("table-copy");
    Files.createDirectories(copy);
    for (String f : List.of("table.json", "chunk-00000.csv", "chunk-00001.csv", "chunk-00002.csv")) Files.copy(table.resolve(f), copy.resolve(f));
    List<String> a = new ArrayList<>(List.of("abc", scenario.toString(), "--table", copy.toString(), "--out", tmp.resolve("abc2").toString()));
    a.addAll(TABLE);
    assertThat(run(a.toArray(String[]::new))).isEqualTo(0);
    assertThat(Files.readString(copy.resolve("chunk-00003.csv"))).isEqualTo(Files.readString(table.resolve("chunk-00003.csv")));
    assertThat(Files.readString(tmp.resolve("abc2/posterior.csv"))).isEqualTo(Files.readString(tmp.resolve("abc/posterior.csv")));
  }

  @Test
  void aTableMadeWithOtherSettingsIsRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Errors::handle);
    cl.setErr(new PrintWriter(err, true));
    List<String> a = new ArrayList<>(List.of("abc", scenario.toString(), "--table", table.toString(), "--size", "80", "--chunk", "40"));
    assertThat(cl.execute(a.toArray(String[]::new))).isEqualTo(2);
    assertThat(err.toString()).contains("table.json").contains("other settings");
  }

  /** The table's files, for the assertions above. */
  static final class ReferenceTableFiles {
    static long chunks(Path dir) throws IOException {
      try (var s = Files.list(dir)) {
        return s.filter(p -> p.getFileName().toString().startsWith("chunk-")).count();
      }
    }
  }
}
