package org.tumen.flee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

class FleeImporterTest {
  @TempDir Path tmp;

  @Test
  void readsEverySuiteConflict() {
    for (String c : List.of("mali2012", "burundi2015", "car2013", "ssudan2013", "mali2017_adm1", "nigeria2022_adm2", "syria2013")) {
      FleeScenario s = FleeImporter.read(SuiteData.conflict(c), null);
      assertThat(s.locations()).isNotEmpty();
      assertThat(s.conflicts()[0]).hasSize(s.days());
    }
  }

  @Test
  void readsMaliAsFleeDoes() {
    FleeScenario s = FleeImporter.read(SuiteData.conflict("mali2012"), null);
    assertThat(s.days()).isEqualTo(300);
    assertThat(s.calendar().start()).hasToString("2012-02-29");
    assertThat(s.locations()).hasSize(23);
    assertThat(s.routes()).hasSize(35);
    assertThat(s.closures()).containsExactly(new FleeScenario.CountryClosure("Mali", "Burkina_Faso", 0, 22),
        new FleeScenario.CountryClosure("Mali", "Niger", 0, 33));
    assertThat(s.settings().campWeight()).isEqualTo(2.0);
    assertThat(s.settings().maxMoveSpeed()).isEqualTo(200.0);
    assertThat(s.settings().conflictSpawnDecay()).containsExactly(1.0, 1.0, 1.0, 0.5, 0.1);
    // Flee's defaults for what the suite's simsetting.yml leaves out.
    assertThat(s.settings().maxWalkSpeed()).isEqualTo(35.0);
    assertThat(s.settings().awarenessLevel()).isEqualTo(1);
  }

  @Test
  void refusesUnknownAndUnsupportedSettings() throws IOException {
    Path f = SuiteData.copy("mali2012", tmp);
    Files.writeString(f.resolve("simsetting.yml"), """
        spawn_rules:
          sum_from_camps: True
          conflict_driven_spawning:
            spawn_mode: constant
        move_rules:
          camp_weight: 2.0
          teleport: yes
          ChildrenAvoidHazards: True
          default_movechance: 1.5
        optimisations:
          hasten: 1
        """);
    List<Problem> problems = problems(f);
    assertThat(problems).extracting(Problem::key).contains("spawn_rules.conflict_driven_spawning",
        "move_rules.teleport", "move_rules.ChildrenAvoidHazards", "move_rules.default_movechance");
    assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo("simsetting.yml"));
  }

  @Test
  void refusesMalformedRowsNamingFileAndLine() throws IOException {
    Path f = SuiteData.copy("mali2012", tmp);
    Path locations = f.resolve("input_csv/locations.csv");
    Files.writeString(locations, Files.readString(locations).replace("Kidal,Kidal,Mali,18.444305", "Kidal,Kidal,Mali,north")
        + "Atlantis,Sea,Mali,1,1,palace,,10\n");
    List<Problem> problems = problems(f);
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.file()).isEqualTo("input_csv/locations.csv");
      assertThat(p.line()).isEqualTo(2);
      assertThat(p.key()).isEqualTo("latitude");
    });
    assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("unsupported location type 'palace'"));
  }

  @Test
  void refusesUnknownLocationsInRoutesClosuresAndConflicts() throws IOException {
    Path f = SuiteData.copy("mali2012", tmp);
    Files.writeString(f.resolve("input_csv/routes.csv"), "Kidal,Nowhere,10,0\n", java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(f.resolve("input_csv/closures.csv"), "location,Elsewhere,,0,5\ncountry,Mali,Narnia,0,5\n",
        java.nio.file.StandardOpenOption.APPEND);
    Path conflicts = f.resolve("input_csv/conflicts.csv");
    Files.writeString(conflicts, Files.readString(conflicts).replaceFirst("Kidal", "Kidall"));
    List<Problem> problems = problems(f);
    assertThat(problems).extracting(Problem::message).contains("unknown location 'Nowhere'", "unknown location 'Elsewhere'",
        "no location has country 'Narnia'", "unknown location 'Kidall' in the header");
  }

  @Test
  void refusesShortConflictsAndMissingFiles() throws IOException {
    Path f = SuiteData.copy("mali2012", tmp);
    Path conflicts = f.resolve("input_csv/conflicts.csv");
    List<String> lines = Files.readAllLines(conflicts);
    Files.write(conflicts, lines.subList(0, 100));
    Files.delete(f.resolve("input_csv/routes.csv"));
    List<Problem> problems = problems(f);
    assertThat(problems).anySatisfy(p -> assertThat(p.message()).contains("has 99 day rows but the simulation runs 300 days"));
    assertThat(problems).anySatisfy(p -> {
      assertThat(p.file()).isEqualTo("input_csv/routes.csv");
      assertThat(p.message()).isEqualTo("missing file");
    });
  }

  @Test
  void refusesCorrectionsThatMatchNoDataRow() throws IOException {
    Path f = SuiteData.copy("mali2012", tmp);
    Files.writeString(f.resolve("input_csv/registration_corrections.csv"), "Mentao,2012-10-04,normalize\nAtlantis,2012-10-04,normalize\n");
    assertThat(problems(f)).extracting(Problem::key).containsExactly("Mentao", "Atlantis");
  }

  private static List<Problem> problems(Path folder) {
    try {
      FleeImporter.read(folder, null);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected InvalidInputException");
  }

  @Test
  void aMissingFolderIsAUserMistake() {
    assertThatThrownBy(() -> FleeImporter.read(tmp.resolve("nope"), null)).isInstanceOf(InvalidInputException.class);
  }
}
