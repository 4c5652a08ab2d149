package org.tumen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.tumen.korea.KoreaRules;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.ScenarioLoader;

/** The obvious entry point: which rule sets exist, how to load a scenario, which version this is. */
public final class Tumen {
  public static final String VERSION = readVersion();

  private Tumen() {}

  public static ScenarioLoader loader() {
    return new ScenarioLoader(List.of(new KoreaRules()));
  }

  /** Loads and checks a scenario folder; throws {@link org.tumen.scenario.InvalidInputException} on mistakes. */
  public static Scenario load(Path dir) {
    return loader().load(dir);
  }

  private static String readVersion() {
    try (InputStream in = Tumen.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
