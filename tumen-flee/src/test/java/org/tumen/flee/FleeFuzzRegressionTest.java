package org.tumen.flee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

/** Inputs found by fuzzing (tumen-fuzz FleeFuzzTest) that threw something other than InvalidInputException. */
class FleeFuzzRegressionTest {
  @TempDir
  Path tmp;

  /** A series file name with a NUL character in data_layout.csv made Path.resolve throw InvalidPathException. */
  @Test
  void aSeriesFileNameWithANulCharacterIsAProblem() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Path layout = folder.resolve("source_data/data_layout.csv");
    Files.writeString(layout, Files.readString(layout).replace("bf-mentao.csv", "bf-men\0tao.csv"));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> FleeImporter.read(folder, null));
    assertThat(e).isNotNull();
    assertThat(e.problems()).extracting(Problem::message).contains("not a usable file name");
  }
}
