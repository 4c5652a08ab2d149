package org.tumen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Tumen;

/** Inputs found by fuzzing (tumen-fuzz) that threw something other than InvalidInputException. */
class FuzzRegressionTest {
  @TempDir
  Path tmp;

  /** SnakeYAML throws IllegalArgumentException for this tag ("Tag must not contain leading or trailing spaces"). */
  @Test
  void aMalformedTagIsAYamlSyntaxProblem() {
    Problems problems = new Problems();
    assertThat(YamlMap.parse("f.yaml", new StringReader("!%0E"), problems)).isNull();
    assertThat(problems.list()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("YAML syntax:"));
  }

  /** A file name with a NUL character made Path.resolve throw InvalidPathException. */
  @Test
  void aTableNameWithANulCharacterIsAProblem() throws IOException {
    Path dir = tmp.resolve("scenarios/korea");
    ScenarioCheckTest.copyFiles(ScenarioCheckTest.FLAGSHIP, dir);
    ScenarioCheckTest.copyFiles(ScenarioCheckTest.FLAGSHIP.resolve("../../data/observed"), tmp.resolve("data/observed"));
    Path yaml = dir.resolve("scenario.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("routes: routes.csv", "routes: \"rou\\0tes.csv\""));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Tumen.load(dir));
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains("tables.routes: not a usable file name"));
  }

  /** A variant whose base is not text made Path.resolve throw NullPointerException. */
  @Test
  void aBaseThatIsNotTextIsAProblem() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("v"));
    Files.writeString(dir.resolve("scenario.yaml"), "name: v\nbase: [../korea]\n");
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Tumen.load(dir));
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::key).contains("base");
  }
}
