package org.tumen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tumen.Tumen;

/**
 * Each case breaks a copy of the flagship scenario in one way and expects the checker to name the file,
 * the line (where there is one), the key, and what is expected.
 */
class ScenarioCheckTest {
  static final Path FLAGSHIP = Path.of("../scenarios/korea");

  @TempDir
  Path tmp;

  /** A mistake: which file to edit, the text to replace and its replacement, and what the message must say. */
  record Mistake(String name, String file, String find, String replace, String expected) {}

  static Stream<Arguments> mistakes() {
    return Stream.of(
        m("unknown top-level key", "scenario.yaml", "seed: 20120403", "seed: 20120403\nsede: 1", "scenario.yaml:18: sede: unknown key (did you mean 'seed'?)"),
        m("misspelt parameter", "scenario.yaml", "    arrest_rate_border:", "    arest_rate_border:", "hiding.arest_rate_border: unknown parameter (did you mean 'hiding.arrest_rate_border'?)"),
        m("probability above one", "scenario.yaml", "      value: 0.05\n      unit: probability\n      calibrate: {min: 0.01, max: 0.2}\n      source: \"seed article (Lankov)",
            "      value: 1.5\n      unit: probability\n      calibrate: {min: 0.01, max: 0.2}\n      source: \"seed article (Lankov)", "crossing.political_share: value 1.5 is impossible for a probability; expected between 0 and 1"),
        m("negative distance", "routes.csv", "musan,yanbian,102.6", "musan,yanbian,-102.6", "routes.csv:15: km: value -102.6 is out of range; expected between 0 and 40000"),
        m("route to an unknown place", "routes.csv", "sinuiju,dandong,", "sinuiju,dandongg,", "routes.csv:20: to: unknown place 'dandongg'"),
        m("event ending before it starts", "timeline.csv", "2001-03-01,2001-07-31", "2001-03-01,2000-07-31", "timeline.csv:11: end: ends (2000-07-31) before it starts (2001-03-01)"),
        m("period longer than the Korea rules run", "scenario.yaml", "end: 2030-12-31", "end: 2199-12-31", "scenario.yaml: period: lasts 76701 days; the Korea rules run at most 65535 days (179 years)"),
        m("period ending before it starts", "scenario.yaml", "end: 2030-12-31", "end: 1980-12-31", "period.end: ends (1980-12-31) before it starts (1990-01-01)"),
        m("text where a number is expected", "scenario.yaml", "      value: 0.009", "      value: nine per mille", "scenario.yaml:173: parameters.hiding.mortality.value: expected a number, got 'nine per mille'"),
        m("a number without source or prior", "scenario.yaml", "      source: \"UN World Population Prospects: DPRK crude death rate about 9 per 1,000 in 1990-2010\"\n", "", "hiding.mortality: needs a source (where the number comes from) or a calibrate prior"),
        m("prior with min above max", "scenario.yaml", "calibrate: {min: 30, max: 1000, scale: log}", "calibrate: {min: 3000, max: 1000, scale: log}", "crossing.distance_scale_km.calibrate: min (3000.0) must be below max (1000.0)"),
        m("value outside its prior", "scenario.yaml", "      value: 150\n", "      value: 5000\n", "crossing.distance_scale_km: value 5000.0 lies outside its calibrate prior [30.0, 1000.0]"),
        m("malformed date", "timeline.csv", "2008-03-01,2008-09-30", "2008-03-01,30/09/2008", "timeline.csv:18: end: expected a date yyyy-mm-dd, got '30/09/2008'"),
        m("unknown place kind", "places.csv", "mongolia,third_country,", "mongolia,third_countr,", "places.csv:28: kind: unknown place kind 'third_countr'"),
        m("population in an unknown region", "population.csv", "ryanggang,male,0-14", "ryangang,male,0-14", "population.csv:14: region: 'ryangang' is not a place of kind home_region in places.csv"),
        m("sentencing chances not summing to one", "sentencing.csv", "economic,first,any,release,0.9,", "economic,first,any,release,0.8,", "sum to 0.9"),
        m("duplicate YAML key", "scenario.yaml", "name: korea\n", "name: korea\nname: korea2\n", "scenario.yaml:9: name: duplicate key (first given on line 8)"),
        m("YAML syntax error", "scenario.yaml", "model: korea", "model: [korea", "scenario.yaml:"),
        m("CSV row with a missing field", "places.csv", "musan,crossing_point,DPRK,North Hamgyong,", "musan,crossing_point,DPRK,", "places.csv:9: expected 7 fields as in the header, found"),
        m("unknown CSV column", "routes.csv", "from,to,km,mode,method", "from,to,km,mode,method,speed", "routes.csv:4: speed: unknown column"),
        m("timeline acting on an unknown parameter", "timeline.csv", "hiding.enforcement,multiply,$effects.crackdown_2001", "hiding.enforcment,multiply,$effects.crackdown_2001", "timeline.csv:11: parameter: unknown parameter 'hiding.enforcment' (did you mean 'hiding.enforcement'?)"),
        m("timeline referring to a missing value", "timeline.csv", "$effects.crackdown_olympics", "$effects.crackdown_olimpics", "timeline.csv:18: value: refers to 'effects.crackdown_olimpics', which is not a parameter in scenario.yaml"),
        m("class shares not summing to one", "scenario.yaml", "      value: 0.27\n", "      value: 0.37\n", "the three class shares sum to"),
        m("missing table file", "scenario.yaml", "routes: routes.csv", "routes: roads.csv", "korea/roads.csv: file not found"),
        m("unknown model", "scenario.yaml", "model: korea", "model: koreaa", "model: unknown model 'koreaa'"),
        m("unknown unit", "scenario.yaml", "      unit: km\n", "      unit: miles\n", "crossing.distance_scale_km.unit: unknown unit 'miles'"),
        m("table outside the scenario folder", "scenario.yaml", "timeline: timeline.csv", "timeline: ../../etc/timeline.csv", "tables.timeline: must name a file inside the scenario folder"));
  }

  static Arguments m(String name, String file, String find, String replace, String expected) {
    return Arguments.of(new Mistake(name, file, find, replace, expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void reportsTheMistakeClearly(Mistake m) throws IOException {
    Path dir = copyFlagship();
    Path f = dir.resolve(m.file());
    String text = Files.readString(f);
    assertThat(text).as("test setup: the text to break is in " + m.file()).contains(m.find());
    Files.writeString(f, text.replace(m.find(), m.replace()));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Tumen.load(dir));
    assertThat(e).as(m.name() + " is rejected").isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p).contains(m.expected()));
  }

  @Test
  void theFlagshipIsValid() {
    assertThatCode(() -> Tumen.load(FLAGSHIP)).doesNotThrowAnyException();
  }

  @Test
  void reportsEveryProblemAtOnce() throws IOException {
    Path dir = copyFlagship();
    Path yaml = dir.resolve("scenario.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("seed: 20120403", "seed: 20120403\nsede: 1\nfoo: 2"));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> Tumen.load(dir));
    assertThat(e.problems()).hasSize(2);
  }

  private Path copyFlagship() throws IOException {
    Path dir = tmp.resolve("scenarios/korea");
    copyFiles(FLAGSHIP, dir);
    // The observed files live two levels up from the scenario; mirror that layout.
    copyFiles(FLAGSHIP.resolve("../../data/observed"), tmp.resolve("data/observed"));
    return dir;
  }

  static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path p : files.toList()) if (Files.isRegularFile(p)) Files.copy(p, to.resolve(p.getFileName()));
    }
  }
}
