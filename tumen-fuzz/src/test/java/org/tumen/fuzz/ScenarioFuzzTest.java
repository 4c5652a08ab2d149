package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.List;
import org.tumen.Tumen;

/**
 * The scenario loader on a copy of the flagship (scenarios/korea with the observed series it names) and its two
 * variants (korea-unhcr, korea-collapse: {@code base: ../korea}): each input edits up to two of their files (the
 * flagship's scenario.yaml and five CSV tables, the variants' scenario.yaml and timeline.csv) and loads one of the
 * three. Loading must succeed or throw InvalidInputException, within 5 s.
 */
class ScenarioFuzzTest {
  static final List<String> FILES = List.of("korea/scenario.yaml", "korea/places.csv", "korea/routes.csv",
      "korea/timeline.csv", "korea/population.csv", "korea/sentencing.csv", "korea-unhcr/scenario.yaml",
      "korea-unhcr/timeline.csv", "korea-collapse/scenario.yaml", "korea-collapse/timeline.csv");
  static final List<String> SCENARIOS = List.of("korea", "korea-unhcr", "korea-collapse");
  private static final Fixture KOREA = fixture();

  private static Fixture fixture() {
    Path scratch = Fixture.scratch("tumen-fuzz-korea");
    Fixture.copyTree(Fixture.repo().resolve("data/observed"), scratch.resolve("data/observed"));
    for (String s : SCENARIOS) Fixture.copyTree(Fixture.repo().resolve("scenarios/" + s), scratch.resolve("scenarios/" + s));
    return Fixture.copy(scratch, scratch.resolve("scenarios"), "scenarios", FILES);
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
      Path dir = KOREA.root.resolve(data.pickValue(SCENARIOS));
      Bounded.call(() -> Tumen.load(dir));
    } finally {
      KOREA.restore();
    }
  }
}
