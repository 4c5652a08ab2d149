package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  static final String KOREA = "../scenarios/korea";

  @TempDir
  Path tmp;

  /** Runs the CLI in process, capturing what it prints. */
  static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
    PrintStream o = System.out, e = System.err;
    try {
      System.setOut(new PrintStream(out, true));
      System.setErr(new PrintStream(err, true));
      return Main.execute(args);
    } finally {
      System.setOut(o);
      System.setErr(e);
    }
  }

  @Test
  void sameSeedGivesByteIdenticalOutputsAtOneAndTwoThreads() throws IOException {
    var out = new ByteArrayOutputStream();
    assertThat(run(out, new ByteArrayOutputStream(), "run", KOREA, "--seed", "5", "--threads", "1", "--out", tmp.resolve("t1").toString())).isZero();
    assertThat(run(out, new ByteArrayOutputStream(), "run", KOREA, "--seed", "5", "--threads", "2", "--out", tmp.resolve("t2").toString())).isZero();
    for (String f : new String[] {"yearly.csv", "daily.csv", "ledger.csv", "yearly_by_place.csv", "events.parquet"}) {
      assertThat(Files.readAllBytes(tmp.resolve("t2").resolve(f))).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("t1").resolve(f)));
    }
    assertThat(Files.readString(tmp.resolve("t1/manifest.json"))).contains("\"seed\" : 5", "\"scenario_sha256\"", "\"crossing.base_rate\"");
    assertThat(out.toString()).contains("Arrivals in South Korea", "MAPE 2001-2011", "Of every 100 people who crossed");
    // No temporary folders are left beside the output.
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("t1", "t2");
    }
  }

  @Test
  void aBrokenScenarioIsOneLinePerProblemAndExitCodeTwo() throws IOException {
    Path dir = tmp.resolve("scenarios/broken");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("scenario.yaml"), "name: broken\nmodel: korea\nperiod: {start: 2000-01-01, end: 1999-01-01}\n");
    var err = new ByteArrayOutputStream();
    int code = run(new ByteArrayOutputStream(), err, "check", dir.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("broken/scenario.yaml:3: period.end: ends (1999-01-01) before it starts (2000-01-01)")
        .contains("problems found.").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aMissingFolderIsAUserMistake() {
    var err = new ByteArrayOutputStream();
    assertThat(run(new ByteArrayOutputStream(), err, "run", tmp.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("not a folder");
  }
}
