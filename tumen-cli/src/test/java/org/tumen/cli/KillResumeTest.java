package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.store.Kind;
import org.tumen.store.ResultsStore;
import org.tumen.store.RunRow;
import org.tumen.testing.ShortScenario;

/**
 * Real SIGKILLs of the long commands: {@code calibrate} resumes from its checkpoint and ends with the same
 * posterior as a run never interrupted; {@code ensemble} and {@code sweep} restart cleanly: their tables are
 * absent or whole after a kill, the store never holds part of a batch, and the final tables equal an
 * uninterrupted run's.
 * Both on the flagship cut to 1990-1995, so that a trial takes seconds.
 */
class KillResumeTest {
  @TempDir
  Path tmp;

  Path shortScenario() throws IOException {
    return ShortScenario.create(tmp, "short", 1995, null);
  }

  static Process start(Path log, String... args) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", cp, "org.tumen.cli.Main"));
    cmd.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs to the end; returns wall milliseconds. */
  static long finish(Path log, String... args) throws Exception {
    long t0 = System.nanoTime();
    Process p = start(log, args);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit code, log %s: %s", log, Files.readString(log)).isZero();
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Starts the command and kills it after a random share of {@code millis}. */
  static void killSomewhere(Random random, long millis, Path log, String... args) throws Exception {
    Process p = start(log, args);
    if (!p.waitFor(300 + (long) (random.nextDouble() * millis), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aKilledCalibrationResumesToTheSamePosterior() throws Exception {
    Path scenario = shortScenario();
    String[] common = {"calibrate", scenario.toString(), "--particles", "12", "--replicates", "1",
        "--generations", "3", "--budget", "40", "--batch", "2", "--seed", "5", "--threads", "2", "--only", "crossing.*,brokers.seek_rate@*"};
    Path reference = tmp.resolve("cal-ref"), killed = tmp.resolve("cal-killed");
    long millis = finish(tmp.resolve("cal-ref.log"), with(common, "--out", reference.toString()));
    Random random = new Random(Long.getLong("tumen.kill.seed", 11));
    for (int t = 0; t < 3; t++) {
      killSomewhere(random, millis, tmp.resolve("cal-kill-" + t + ".log"), with(common, "--out", killed.toString()));
      // A checkpoint, if any, is always whole JSON: the next run could read it.
      Path cp = killed.resolve("checkpoint.json");
      if (Files.exists(cp)) assertThat(Files.readString(cp).strip()).startsWith("{").endsWith("}");
    }
    finish(tmp.resolve("cal-final.log"), with(common, "--out", killed.toString()));
    assertThat(Files.readString(killed.resolve("posterior.csv"))).isEqualTo(Files.readString(reference.resolve("posterior.csv")));
  }

  @Test
  void aKilledEnsembleRestartsCleanly() throws Exception {
    Path scenario = shortScenario();
    String[] common = {"ensemble", scenario.toString(), "--runs", "8", "--seed", "3", "--threads", "2"};
    Path reference = tmp.resolve("ens-ref"), killed = tmp.resolve("ens-killed");
    Path refStore = tmp.resolve("ref.duckdb"), store = tmp.resolve("killed.duckdb");
    long millis = finish(tmp.resolve("ens-ref.log"), with(common, "--out", reference.toString(), "--store", refStore.toString()));
    String bands = Files.readString(reference.resolve("bands.csv"));
    Random random = new Random(Long.getLong("tumen.kill.seed", 13));
    for (int t = 0; t < 3; t++) {
      killSomewhere(random, millis, tmp.resolve("ens-kill-" + t + ".log"),
          with(common, "--out", killed.toString(), "--store", store.toString()));
      Path b = killed.resolve("bands.csv");
      if (Files.exists(b)) assertThat(Files.readString(b)).isEqualTo(bands);
      assertWholeBatches(store, 8);
    }
    finish(tmp.resolve("ens-final.log"), with(common, "--out", killed.toString(), "--store", store.toString()));
    assertThat(Files.readString(killed.resolve("bands.csv"))).isEqualTo(bands);
    assertWholeBatches(store, 8);
  }

  @Test
  void aKilledSweepRestartsCleanly() throws Exception {
    Path scenario = shortScenario();
    String[] common = {"sweep", scenario.toString(), "--grid", "hiding.enforcement=0.5:2:3", "--grid",
        "arrest.bribe_price_usd@2012=2000:20000:3", "--output", "repatriated:1990-1995", "--seed", "3", "--threads", "2"};
    Path reference = tmp.resolve("sweep-ref"), killed = tmp.resolve("sweep-killed");
    Path refStore = tmp.resolve("sweep-ref.duckdb"), store = tmp.resolve("sweep-killed.duckdb");
    long millis = finish(tmp.resolve("sweep-ref.log"), with(common, "--out", reference.toString(), "--store", refStore.toString()));
    String table = Files.readString(reference.resolve("sweep.csv"));
    Random random = new Random(Long.getLong("tumen.kill.seed", 17));
    for (int t = 0; t < 3; t++) {
      killSomewhere(random, millis, tmp.resolve("sweep-kill-" + t + ".log"),
          with(common, "--out", killed.toString(), "--store", store.toString()));
      Path csv = killed.resolve("sweep.csv");
      if (Files.exists(csv)) assertThat(Files.readString(csv)).isEqualTo(table);
      assertWholeBatches(store, 9);
    }
    finish(tmp.resolve("sweep-final.log"), with(common, "--out", killed.toString(), "--store", store.toString()));
    assertThat(Files.readString(killed.resolve("sweep.csv"))).isEqualTo(table);
    assertWholeBatches(store, 9);
  }

  /** Every batch (ensemble or sweep) in the store has all its member runs. */
  static void assertWholeBatches(Path file, int runs) {
    if (!Files.exists(file)) return;
    ResultsStore s = new ResultsStore(file);
    for (RunRow r : s.list()) {
      if (r.kind() == Kind.ENSEMBLE || r.kind() == Kind.SWEEP) {
        assertThat(s.members(r.id())).as("members of %s %d", r.kind(), r.id()).hasSize(runs);
      }
    }
  }

  static String[] with(String[] common, String... more) {
    List<String> all = new ArrayList<>(List.of(common));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
