package org.tumen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed writer leaves beside an output folder, and how the next write cleans it up. */
class RunOutputsTest {
  @TempDir
  Path tmp;

  /** A PID that no live process has (PIDs are below 2^22 on Linux). */
  static final long DEAD = 999_999_999L;

  @Test
  void writesAtomicallyAndReplaces() throws IOException {
    Path out = tmp.resolve("out");
    RunOutputs.atomically(out, d -> Files.writeString(d.resolve("a.txt"), "1"));
    RunOutputs.atomically(out, d -> Files.writeString(d.resolve("a.txt"), "2"));
    assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("2");
    assertThat(hidden()).isEmpty();
  }

  @Test
  void removesPartialFoldersOfDeadWriters() throws IOException {
    Path out = tmp.resolve("out");
    Files.createDirectories(tmp.resolve(".out.partial-" + DEAD + "-123"));
    Files.writeString(tmp.resolve(".out.partial-" + DEAD + "-123/events.parquet"), "half");
    Files.createDirectories(tmp.resolve(".out.partial-" + DEAD + "-456"));
    RunOutputs.atomically(out, d -> Files.writeString(d.resolve("a.txt"), "1"));
    assertThat(hidden()).isEmpty();
    assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("1");
  }

  @Test
  void keepsPartialFoldersOfLiveWritersAndOtherTargets() throws IOException {
    long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
    Path mine = Files.createDirectories(tmp.resolve(".out.partial-" + live + "-1"));
    Path other = Files.createDirectories(tmp.resolve(".out2.partial-" + DEAD + "-1"));
    Path foreign = Files.createDirectories(tmp.resolve(".out.partial-abc"));
    RunOutputs.atomically(tmp.resolve("out"), d -> Files.writeString(d.resolve("a.txt"), "1"));
    assertThat(hidden()).containsExactlyInAnyOrder(mine.getFileName().toString(), other.getFileName().toString(),
        foreign.getFileName().toString());
  }

  /** Killed between moving the old output aside and moving the new one in: the old output comes back. */
  @Test
  void restoresTheOldOutputWhenTheTargetWentMissing() throws IOException {
    Path old = Files.createDirectories(tmp.resolve(".out.old-" + DEAD + "-42"));
    Files.writeString(old.resolve("a.txt"), "previous");
    RunOutputs.removeStale(tmp, "out");
    assertThat(Files.readString(tmp.resolve("out/a.txt"))).isEqualTo("previous");
    assertThat(hidden()).isEmpty();
  }

  @Test
  void deletesAnOldOutputWhenTheTargetIsThere() throws IOException {
    Files.createDirectories(tmp.resolve(".out.old-" + DEAD + "-42"));
    Files.createDirectories(tmp.resolve("out"));
    RunOutputs.removeStale(tmp, "out");
    assertThat(hidden()).isEmpty();
  }

  private List<String> hidden() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(f -> f.startsWith(".")).toList();
    }
  }
}
