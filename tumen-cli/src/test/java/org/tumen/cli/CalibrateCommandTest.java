package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.testing.ShortScenario;

/** `calibrate` writes to its --out folder and touches a scenario only when told to with --install. */
class CalibrateCommandTest {
  static final Path KOREA = Path.of("../scenarios/korea");
  static final String[] SMALL = {"--particles", "4", "--generations", "1", "--budget", "4", "--batch", "4",
      "--threads", "2", "--seed", "3", "--only", "crossing.base_rate"};

  @TempDir Path tmp;

  @Test
  void withoutInstallTheFlagshipsPosteriorStaysByteIdentical() throws Exception {
    String posterior = sha256(KOREA.resolve("posterior.csv")), yaml = sha256(KOREA.resolve("scenario.yaml"));
    Path out = tmp.resolve("cal");
    var stdout = new ByteArrayOutputStream();
    assertThat(RunCommandTest.run(stdout, new ByteArrayOutputStream(), with("calibrate", KOREA.toString(), "--out", out.toString())))
        .isZero();
    assertThat(out.resolve("posterior.csv")).isRegularFile();
    assertThat(sha256(KOREA.resolve("posterior.csv"))).isEqualTo(posterior);
    assertThat(sha256(KOREA.resolve("scenario.yaml"))).isEqualTo(yaml);
    assertThat(stdout.toString()).contains("The scenario's own posterior is unchanged", "--install").doesNotContain("Installed");
  }

  @Test
  void installWritesThePosteriorIntoTheScenarioAndOutIntoTheScenarioFolderIsRefusedWithoutIt() throws Exception {
    Path scenario = ShortScenario.create(tmp, "short", 1995, null);
    var err = new ByteArrayOutputStream();
    assertThat(RunCommandTest.run(new ByteArrayOutputStream(), err, with("calibrate", scenario.toString(), "--out", scenario.toString())))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--out", "is the scenario's own folder").doesNotContain("Exception");
    assertThat(scenario.resolve("posterior.csv")).doesNotExist();

    Path out = tmp.resolve("cal");
    var stdout = new ByteArrayOutputStream();
    assertThat(RunCommandTest.run(stdout, new ByteArrayOutputStream(), with("calibrate", scenario.toString(), "--out", out.toString(),
        "--install"))).isZero();
    assertThat(Files.readString(scenario.resolve("posterior.csv"))).isEqualTo(Files.readString(out.resolve("posterior.csv")));
    assertThat(Files.readString(scenario.resolve("scenario.yaml"))).contains("posterior: posterior.csv");
    assertThat(stdout.toString()).contains("Installed the posterior in");
  }

  static String[] with(String... head) {
    String[] all = new String[head.length + SMALL.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(SMALL, 0, all, head.length, SMALL.length);
    return all;
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
