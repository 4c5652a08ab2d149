package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleeCommandTest {
  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private static Result run(Object command, String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void userMistakesExitWithTwoAndOneLinePerProblem() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("broken/input_csv"));
    Files.writeString(folder.getParent().resolve("simsetting.yml"), "move_rules:\n  warp_speed: 9\n");
    Result r = run(new FleeCommand(), folder.getParent().toString(), "--out", tmp.resolve("o").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("error: simsetting.yml: move_rules.warp_speed: unknown or unsupported setting")
        .contains("error: input_csv/locations.csv: missing file").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void runsMaliAndWritesOutCsv() throws IOException {
    Path mali = Path.of("../tumen-flee/src/test/resources/flee-validation/mali2012");
    Result r = run(new FleeCommand(), mali.toString(), "--seed", "3", "--threads", "2", "--out", tmp.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("mali2012: 300 days, 89991 agents").contains("ARD ");
    assertThat(Files.readAllLines(tmp.resolve("out.csv"))).hasSize(301);
  }

  @Test
  void suiteRunsTheNamedConflicts() {
    Result r = run(new FleeSuiteCommand(), "../tumen-flee/src/test/resources/flee-validation", "--seeds", "1",
        "--threads", "2", "--only", "mali2012");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("| mali2012 | 300 | 89,991 | 19,769,519 |");
  }
}
