package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import org.tumen.scenario.Problems;
import org.tumen.scenario.YamlMap;

/**
 * YamlMap on arbitrary text, then a walk asking every key as a mapping, text, number and true/false. Nothing may
 * throw: syntax errors and wrong types are recorded as problems.
 */
class YamlMapFuzzTest {
  @FuzzTest
  void parseAndWalk(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    Bounded.call(() -> {
      Problems problems = new Problems();
      YamlMap m = YamlMap.parse("f.yaml", new StringReader(text), problems);
      if (m != null) walk(m, 0);
      return m;
    });
  }

  private static void walk(YamlMap m, int depth) {
    for (String k : m.keys()) {
      m.lineOf(k);
      YamlMap child = m.map(k, false);
      if (child != null && depth < 60) walk(child, depth + 1);
      switch (Math.floorMod(k.hashCode(), 3)) {
        case 0 -> m.string(k, true);
        case 1 -> m.number(k, true);
        default -> m.bool(k, true);
      }
    }
    m.map("absent", true);
    m.finish();
  }
}
