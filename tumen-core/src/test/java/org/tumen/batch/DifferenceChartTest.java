package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tumen.batch.PairedComparison.Difference;

/** The SVG of `tumen compare --out`: a band is drawn between its bounds, on the right side of zero. */
class DifferenceChartTest {
  @Test
  void aNegativeDifferencesBandIsDrawnBetweenItsBoundsBelowZero() {
    // Repatriations under UNHCR review, as the issue measured them: 90% interval [-13,314, -7,132] a year.
    List<Difference> ds = new ArrayList<>();
    for (int y = 2026; y <= 2030; y++) {
      ds.add(new Difference("korea-unhcr", "korea", "repatriations", y, y, y, 200, 30000, -10000, -13314, -10100, -7132));
    }
    String svg = DifferenceChart.svg(ds, "test");

    Matcher zero = Pattern.compile("<line x1=\"[0-9.]+\" y1=\"([0-9.]+)\" x2=\"[0-9.]+\" y2=\"\\1\" stroke=\"#444\" stroke-dasharray").matcher(svg);
    assertThat(zero.find()).as("the zero line").isTrue();
    double zeroY = Double.parseDouble(zero.group(1));
    Matcher polygon = Pattern.compile("<polygon points=\"([^\"]+)\"").matcher(svg);
    assertThat(polygon.find()).isTrue();
    String[] points = polygon.group(1).split(" ");
    assertThat(points).hasSize(10); // upper edge left to right, lower edge back
    double upper = y(points[0]), lower = y(points[9]);
    for (int i = 0; i < 5; i++) {
      assertThat(y(points[i])).isEqualTo(upper);
      assertThat(y(points[9 - i])).isEqualTo(lower);
    }
    // SVG's y grows downwards: the whole band is below the zero line, and its edges sit where the bounds are.
    assertThat(upper).isGreaterThan(zeroY);
    assertThat(lower).isGreaterThan(upper);
    assertThat((upper - zeroY) / (lower - zeroY)).isCloseTo(7132.0 / 13314, within(0.01));
  }

  private static double y(String point) {
    return Double.parseDouble(point.split(",")[1]);
  }
}
