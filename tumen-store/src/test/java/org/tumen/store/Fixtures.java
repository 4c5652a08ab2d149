package org.tumen.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.batch.RunSummary;
import org.tumen.engine.RandomStream;

/** Synthetic run summaries: 41 years (1990-2030) of a few series, drawn from the seed. */
final class Fixtures {
  static final List<String> SERIES = List.of("arrived_south_korea", "crossed", "died", "hiding_in_china",
      "repatriated");

  private Fixtures() {}

  static RunSummary summary(int index, String scenario, long seed) {
    RandomStream r = new RandomStream(seed, 1, index, 0);
    Map<String, double[]> yearly = new LinkedHashMap<>();
    for (String s : SERIES) {
      double[] values = new double[41];
      for (int i = 0; i < values.length; i++) values[i] = Math.floor(r.nextDouble() * 5000);
      yearly.put(s, values);
    }
    Map<String, Double> parameters = Map.of("bribe_usd", 2000 + 1000.0 * (index % 10), "arrest_multiplier",
        0.5 + r.nextDouble());
    return new RunSummary(index, scenario, seed, index % 3 - 1, parameters, 1990, yearly, 0.25 + index / 100.0,
        1_000_000L + index);
  }

  static List<RunSummary> batch(int runs, String scenario, long firstSeed) {
    List<RunSummary> out = new ArrayList<>();
    for (int i = 0; i < runs; i++) out.add(summary(i, scenario, firstSeed + i));
    return out;
  }

  static BatchMeta ensemble(String scenario) {
    return new BatchMeta(Kind.ENSEMBLE, "0.1.0-test", Map.of(scenario, "sha256:abc"), "local[2]", 1, 3.5, null);
  }
}
