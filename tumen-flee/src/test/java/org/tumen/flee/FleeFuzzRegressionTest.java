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

  /** A start date near the end of time made LocalDate.plusDays throw DateTimeException. */
  @Test
  void aPeriodEndingAfterTheLastDateIsAProblem() throws IOException {
    assertThat(problemsWithPeriod("StartDate,+999999999-12-01\nLength,300\n"))
        .anySatisfy(p -> assertThat(p).contains("sim_period.csv", "StartDate", "ends after the last date there is"));
  }

  @Test
  void aPeriodOfMoreThanACenturyIsAProblem() throws IOException {
    assertThat(problemsWithPeriod("StartDate,2012-02-29\nLength,400000\n"))
        .anySatisfy(p -> assertThat(p).contains("sim_period.csv", "Length", "between 1 and 36525 days", "400000"));
  }

  /**
   * Towns that people leave with a chance below 0.005 become camps, as in Flee; with no registration series
   * the model's set-up threw NullPointerException. The importer now asks for the series.
   */
  @Test
  void aTownThatBecomesACampNeedsARegistrationSeries() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Path settings = folder.resolve("simsetting.yml");
    Files.writeString(settings, Files.readString(settings).replace("default_movechance: 0.5", "default_movechance: 0.001"));
    assertThat(problems(folder)).anySatisfy(p -> assertThat(p).contains("data_layout.csv", "becomes a camp, as in Flee",
        "(0.001) is below 0.005", "needs a registration series"));
  }

  /** Registrations of two billion people made setting up the model run out of heap (OutOfMemoryError). */
  @Test
  void registrationsBeyondTheHeapAreAProblem() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Files.writeString(folder.resolve("source_data/bf-bobo.csv"), "2012-02-29,0\n2012-06-01,2000000000\n");
    assertThat(modelProblems(folder)).anySatisfy(p -> assertThat(p)
        .contains("the registrations call for", "GB of heap left", "optimisations.hasten", "TUMEN_JAVA_OPTS"));
  }

  /** With routes remembered, the route array would pass 2^31 entries long before the heap check. */
  @Test
  void moreRouteStepsThanOneArrayHoldsAreAProblem() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Files.writeString(folder.resolve("source_data/bf-bobo.csv"), "2012-02-29,0\n2012-06-01,1100000000\n");
    Path settings = folder.resolve("simsetting.yml");
    Files.writeString(settings, Files.readString(settings).replace("move_rules:\n", "move_rules:\n  awareness_level: 3\n"));
    assertThat(modelProblems(folder))
        .anySatisfy(p -> assertThat(p).contains("more than 2^31 remembered route steps", "awareness level 3"));
  }

  /**
   * Fuzzed counts made the model's total of people wrap around (NegativeArraySizeException): counts below
   * zero are now refused where they are read, and the total of people in camps before day 0 is summed in a
   * long.
   */
  @Test
  void negativeCountsOfPeopleAreProblems() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Files.writeString(folder.resolve("source_data/bf-bobo.csv"), "2012-02-29,0\n2012-06-01,-5\n");
    Path locations = folder.resolve("input_csv/locations.csv");
    Files.writeString(locations, Files.readString(locations).replace(",population\n", ",population,initial_idps\n")
        .replace("conflict_zone,0,25617\n", "conflict_zone,0,25617,-3\n"));
    assertThat(problems(folder)).anySatisfy(p -> assertThat(p).contains("bf-bobo.csv:2: count: must be >= 0, got -5"))
        .anySatisfy(p -> assertThat(p).contains("locations.csv:2: initial_idps: must be >= 0, got -3"));
  }

  /** A day of more than 2^31 newcomers wrapped around when cast to an int (NegativeArraySizeException). */
  @Test
  void aDayOfMoreThan2To31NewcomersIsAProblem() throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Files.writeString(folder.resolve("source_data/bf-bobo.csv"), "2012-02-29,0\n2012-03-01,3000000000\n");
    assertThat(modelProblems(folder)).anySatisfy(p -> assertThat(p).contains("more than 2^31 agents"));
  }

  /** The problems of the Mali case with this sim_period.csv. */
  private java.util.List<String> problemsWithPeriod(String simPeriod) throws IOException {
    Path folder = SuiteData.copy("mali2012", tmp);
    Files.writeString(folder.resolve("input_csv/sim_period.csv"), simPeriod);
    return problems(folder);
  }

  /** The problems of setting up the model of a folder the importer accepts. */
  private static java.util.List<String> modelProblems(Path folder) {
    var scenario = FleeImporter.read(folder, null);
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> new FleeModel(scenario, 1));
    assertThat(e).as("refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  private static java.util.List<String> problems(Path folder) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> FleeImporter.read(folder, null));
    assertThat(e).as("refused").isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

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
