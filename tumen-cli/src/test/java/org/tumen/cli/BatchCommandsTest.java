package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.testing.ShortScenario;
import picocli.CommandLine;

/** The batch commands end to end on the flagship scenario cut to 1990-1993 (a fraction of a second a run). */
class BatchCommandsTest {
  @TempDir static Path tmp;
  static Path base, unhcr, store;

  @BeforeAll
  static void scenarios() throws Exception {
    base = ShortScenario.create(tmp, "base", 1993, null);
    unhcr = ShortScenario.create(tmp, "unhcr", 1993, ShortScenario.parameter("unhcr", "access_probability", 0.8, "probability"));
    store = tmp.resolve("runs.duckdb");
  }

  record Result(int code, String out, String err) {}

  /** As bin/tumen runs it (Main's error handling), with output captured. */
  static Result tumen(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Errors::handle);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void ensemblePrintsBandsWritesCsvAndRecordsEveryRun() throws Exception {
    Path out = tmp.resolve("ens");
    Result r = tumen("ensemble", base.toString(), "--runs", "3", "--seed", "5", "--years", "1991,1993", "--out",
        out.toString(), "--store", store.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Ensemble of 3 runs", "seeds 5-7", "parameter draws from the scenario's posterior", "arrived_south_korea", "1993",
        "runs_per_second=");
    assertThat(Files.readAllLines(out.resolve("bands.csv")).get(0)).isEqualTo("series,year,runs,p05,p25,p50,p75,p95");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store.toAbsolutePath(), readOnly());
         ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM runs WHERE parent_id ="
             + " (SELECT max(id) FROM runs WHERE kind = 'ensemble')")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }
    Result list = tumen("runs", "list", "--store", store.toString());
    assertThat(list.out()).contains("ensemble").contains(base.toString());
  }

  @Test
  void compareGivesPairedDifferencesAndAChart() throws Exception {
    Path out = tmp.resolve("cmp");
    Result r = tumen("compare", base.toString(), unhcr.toString(), "--runs", "3", "--from", "1991", "--to", "1993",
        "--out", out.toString(), "--no-store", "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Totals 1991-1993", "repatriations", "90% interval", "Per year");
    // With UNHCR review, fewer people are sent back in every paired run.
    String repatriations = Files.readAllLines(out.resolve("differences.csv")).stream()
        .filter(l -> l.contains(",repatriations,total,")).findFirst().orElseThrow();
    double p95 = Double.parseDouble(repatriations.split(",")[11]);
    assertThat(p95).isNegative();
    assertThat(Files.readString(out.resolve("differences.svg"))).startsWith("<svg").contains("<polygon").endsWith("</svg>\n");
  }

  @Test
  void sweepGridAndMorris() throws Exception {
    Path out = tmp.resolve("sweep");
    Result r = tumen("sweep", base.toString(), "--grid", "hiding.enforcement=0.5,2", "--grid",
        "arrest.bribe_price_usd@2012=2000:20000:2", "--output", "repatriated:1990-1993", "--out", out.toString(),
        "--store", store.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(5)
        .first().isEqualTo("run,point,seed,arrest.bribe_price_usd@2012,hiding.enforcement,repatriated:1990-1993");

    Result m = tumen("sweep", base.toString(), "--sensitivity", "morris", "--factors",
        "hiding.arrest_rate_border,arrest.bribe_pay_probability", "--trajectories", "2", "--output",
        "repatriated:1990-1993", "--out", out.toString(), "--no-store");
    assertThat(m.code()).as(m.err()).isZero();
    assertThat(m.out()).contains("morris sensitivity of repatriated:1990-1993 over 2 calibrated parameters: 6 runs", "mu*");
    assertThat(Files.readAllLines(out.resolve("sensitivity.csv"))).hasSize(3);
  }

  @Test
  void userMistakesExitWithTwoAndNameTheToken() {
    Result r = tumen("sweep", base.toString(), "--grid", "hiding.enforcement=0.5:2:many", "--no-store");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--grid: hiding.enforcement=0.5:2:many: steps must be a whole number").doesNotContain("Exception");
    Result unknown = tumen("sweep", base.toString(), "--grid", "hiding.enforcment=1,2", "--no-store");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("hiding.enforcment: unknown parameter (did you mean 'hiding.enforcement'?)");
    Result set = tumen("ensemble", base.toString(), "--runs", "2", "--set", "unhcr.access_probability=3", "--no-store");
    assertThat(set.code()).isEqualTo(2);
    assertThat(set.err()).contains("--set: unhcr.access_probability: value 3.0 is not allowed");
    Result noSpark = tumen("ensemble", base.toString(), "--runs", "2", "--spark", "local[2]", "--no-store");
    assertThat(noSpark.code()).isEqualTo(2); // the Spark module is not on this test's class path
    assertThat(noSpark.err()).contains("the Spark module is not on the class path");
  }

  @Test
  void runsShowAndExport() throws Exception {
    Path s = tmp.resolve("show.duckdb");
    assertThat(tumen("ensemble", base.toString(), "--runs", "2", "--store", s.toString()).code()).isZero();
    Result show = tumen("runs", "show", "1", "--store", s.toString());
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.out()).contains("ensemble 1", "runs:      2", "bands for");
    Result member = tumen("runs", "show", "2", "--store", s.toString());
    assertThat(member.out()).contains("member 0 of batch 1", "seed:");
    Result missing = tumen("runs", "show", "99", "--store", s.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no run with id 99");
    Result export = tumen("runs", "export", "--csv", tmp.resolve("export").toString(), "--store", s.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(tmp.resolve("export/yearly.csv")).exists();
    assertThat(tmp.resolve("export/bands.csv")).exists();
  }

  private static java.util.Properties readOnly() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }
}
