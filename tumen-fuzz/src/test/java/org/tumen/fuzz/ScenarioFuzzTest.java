package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.tumen.Tumen;

/**
 * The scenario loader on a copy of the flagship (scenarios/korea with the observed series it names): each input edits
 * up to three of its six files (scenario.yaml and the five CSV tables). Loading must succeed or throw
 * InvalidInputException, within 5 s.
 */
class ScenarioFuzzTest {
  static final List<String> FILES = List.of("scenario.yaml", "places.csv", "routes.csv", "timeline.csv", "population.csv",
      "sentencing.csv");
  private static final Fixture KOREA = fixture();

  private static Fixture fixture() {
    Path scratch = Fixture.scratch("tumen-fuzz-korea");
    Fixture.copyTree(Fixture.repo().resolve("data/observed"), scratch.resolve("data/observed"));
    return Fixture.copy(scratch, Fixture.repo().resolve("scenarios/korea"), "scenarios/korea", FILES);
  }

  @FuzzTest
  void loadKorea(FuzzedDataProvider data) {
    List<Path> files = KOREA.files();
    try {
      int edited = data.consumeInt(0, 2);
      for (int i = 0; i < edited; i++) {
        Path f = data.pickValue(files);
        KOREA.write(f, TextMutator.mutate(KOREA.original(f), data));
      }
      Bounded.call(() -> Tumen.load(KOREA.root));
    } finally {
      KOREA.restore();
    }
  }
}
