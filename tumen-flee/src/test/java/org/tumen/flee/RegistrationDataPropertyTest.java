package org.tumen.flee;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Interpolation properties that spawning relies on, over random registration series. */
class RegistrationDataPropertyTest {
  @Test
  void interpolationHitsRowsAndStaysBetweenNeighbours() {
    qt().withExamples(300)
        .forAll(lists().of(integers().between(0, 100_000)).ofSizeBetween(1, 12), integers().between(1, 40))
        .checkAssert((counts, gap) -> {
          int n = counts.size();
          double[] days = new double[n], values = new double[n];
          for (int i = 0; i < n; i++) {
            days[i] = i * gap;
            values[i] = counts.get(i);
          }
          RegistrationData d = new RegistrationData(List.of("A"), new double[][] {days}, new double[][] {values});
          for (int i = 0; i < n; i++) {
            if (d.interpolated("A", i * gap) != counts.get(i)) throw new AssertionError("row " + i);
          }
          for (int day = -5; day < n * gap + 5; day++) {
            int v = d.interpolated("A", day);
            int i = Math.max(0, Math.min(n - 1, Math.floorDiv(day, gap)));
            int j = Math.min(n - 1, i + 1);
            int lo = Math.min(counts.get(i), counts.get(j)), hi = Math.max(counts.get(i), counts.get(j));
            if (day >= 0 && day <= (n - 1) * gap && (v < lo || v > hi)) throw new AssertionError("day " + day + ": " + v);
          }
        });
  }
}
