package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.tumen.flee.FleeImporter;
import org.tumen.flee.FleeModel;
import org.tumen.flee.FleeScenario;

/**
 * The Flee importer on a copy of the Mali 2012 folder of the Flee validation suite (with the suite's simsetting.yml):
 * each input edits up to three of its files. Importing must succeed or throw InvalidInputException, within 5 s; an
 * imported folder must also give a model (the rules' own setup).
 */
class FleeFuzzTest {
  static final List<String> FILES = List.of("simsetting.yml", "input_csv/locations.csv", "input_csv/routes.csv",
      "input_csv/closures.csv", "input_csv/conflicts.csv", "input_csv/sim_period.csv",
      "input_csv/registration_corrections.csv", "source_data/data_layout.csv", "source_data/refugees.csv",
      "source_data/mau-mbera.csv", "source_data/bf-mentao.csv");
  private static final Fixture MALI = fixture();

  private static Fixture fixture() {
    Path suite = Fixture.repo().resolve("tumen-flee/src/test/resources/flee-validation");
    Path scratch = Fixture.scratch("tumen-fuzz-flee");
    Fixture.copyTree(suite.resolve("mali2012"), scratch.resolve("mali2012"));
    Fixture.copyTree(suite.resolve("simsetting.yml"), scratch.resolve("mali2012/simsetting.yml"));
    return Fixture.copy(scratch, scratch.resolve("mali2012"), "mali2012", FILES);
  }

  @FuzzTest
  void importMali(FuzzedDataProvider data) {
    List<Path> files = MALI.files();
    try {
      int edited = data.consumeInt(0, 2);
      for (int i = 0; i < edited; i++) {
        Path f = data.pickValue(files);
        MALI.write(f, TextMutator.mutate(MALI.original(f), data));
      }
      Bounded.call(() -> {
        FleeScenario s = FleeImporter.read(MALI.root, null);
        return new FleeModel(s, 1);
      });
    } finally {
      MALI.restore();
    }
  }
}
