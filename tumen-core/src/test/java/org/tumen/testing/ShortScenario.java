package org.tumen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The flagship scenario cut short (1990 to a given year) as a variant in a temporary folder ({@code base:} the
 * flagship), optionally with parameters of its own: a real run in a fraction of a second. Shared with the other
 * modules' tests through tumen-core's test-jar; paths are relative to a module folder.
 */
public final class ShortScenario {
  private ShortScenario() {}

  /** @param parameters YAML for the variant's {@code parameters:} section, indented by two spaces, or null */
  public static Path create(Path tmp, String name, int lastYear, String parameters) throws IOException {
    Path flagship = Path.of("../scenarios/korea").toAbsolutePath().normalize();
    Path dir = Files.createDirectories(tmp.resolve(name));
    String yaml = "name: " + name + "\nbase: " + flagship + "\nperiod:\n  start: 1990-01-01\n  end: " + lastYear + "-12-31\n"
        + (parameters == null ? "" : "parameters:\n" + parameters);
    Files.writeString(dir.resolve("scenario.yaml"), yaml);
    return dir;
  }

  /** Parameters for a variant: one plain value with a test source. */
  public static String parameter(String group, String name, double value, String unit) {
    return "  " + group + ":\n    " + name + ":\n      value: " + value + "\n      unit: " + unit
        + "\n      source: \"test variant\"\n";
  }
}
