package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress without a terminal: a plain line per tenth of the work, never two within five seconds. */
class ProgressTest {
  long now;

  @Test
  void plainLinesPerTenthAndNotTooOften() {
    var bytes = new ByteArrayOutputStream();
    Progress.Lines lines = new Progress.Lines("run korea", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now);
    for (int done = 1; done <= 1000; done++) {
      now += 100_000_000L; // 0.1 s a step: 100 s in all
      lines.at(done);
    }
    lines.close();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).containsExactly("run korea: 10% (100 of 1,000), 10 s", "run korea: 20% (200 of 1,000), 20 s",
        "run korea: 30% (300 of 1,000), 30 s", "run korea: 40% (400 of 1,000), 40 s", "run korea: 50% (500 of 1,000), 50 s",
        "run korea: 60% (600 of 1,000), 60 s", "run korea: 70% (700 of 1,000), 70 s", "run korea: 80% (800 of 1,000), 80 s",
        "run korea: 90% (900 of 1,000), 90 s", "run korea: 100% (1,000 of 1,000), 100 s");
  }

  @Test
  void aQuickTaskPrintsNothing() {
    var bytes = new ByteArrayOutputStream();
    Progress.Lines lines = new Progress.Lines("run", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now);
    for (int done = 1; done <= 1000; done++) {
      now += 1_000_000L; // 1 s in all
      lines.at(done);
    }
    lines.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
