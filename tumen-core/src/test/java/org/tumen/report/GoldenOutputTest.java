package org.tumen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.Tumen;

/**
 * Pins the flagship's output for a fixed seed. A deliberate model or scenario change regenerates the
 * golden files, in a commit of its own:
 * {@code mvn -pl tumen-core test -Dtest=GoldenOutputTest -Dgolden.update=true}.
 */
class GoldenOutputTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir
  Path tmp;

  @Test
  void flagshipOutputIsUnchanged() throws IOException {
    var r = Simulation.run(Tumen.load(Path.of("../scenarios/korea")), Simulation.Options.of(42, 2));
    RunOutputs.writeYearly(r.tally(), tmp.resolve("yearly.csv"));
    RunOutputs.writeLedger(r.tally(), tmp.resolve("ledger.csv"));
    for (String f : new String[] {"yearly.csv", "ledger.csv"}) {
      Path golden = GOLDEN.resolve("korea-seed42-" + f);
      if (Boolean.getBoolean("golden.update")) Files.copy(tmp.resolve(f), golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      assertThat(tmp.resolve(f)).as(f + " differs from " + golden + "; if the change is meant, regenerate with -Dgolden.update=true")
          .hasSameTextualContentAs(golden);
    }
  }
}
