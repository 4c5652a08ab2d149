package org.tumen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.testing.ShortScenario;
import picocli.CommandLine;

/** Forecast and validate on a short variant of the flagship (1990-2001), two draws: output shapes only. */
class ForecastCommandTest {
  @TempDir Path tmp;

  private Path shortScenario() throws IOException {
    return ShortScenario.create(tmp, "short", 2001, null);
  }

  @Test
  void writesForecastCsvAndSvg() throws IOException {
    Path out = tmp.resolve("f");
    int code = new CommandLine(new ForecastCommand()).execute(shortScenario().toString(), "--draws", "2", "--out", out.toString());
    assertThat(code).isEqualTo(0);
    List<String> csv = Files.readAllLines(out.resolve("forecast.csv"));
    assertThat(csv.get(0)).isEqualTo("year,series,median,p05,p25,p75,p95");
    assertThat(csv).hasSize(1 + 5 * 12); // four series and recorded arrivals, 1990-2001
    assertThat(csv).anyMatch(l -> l.startsWith("2001,hiding_in_china,")).anyMatch(l -> l.startsWith("1990,sentenced,"))
        .anyMatch(l -> l.startsWith("2001,arrived_south_korea_recorded,"));
    for (String l : csv.subList(1, csv.size())) {
      String[] f = l.split(",");
      double p05 = Double.parseDouble(f[3]), p25 = Double.parseDouble(f[4]), med = Double.parseDouble(f[2]);
      double p75 = Double.parseDouble(f[5]), p95 = Double.parseDouble(f[6]);
      assertThat(p05).isLessThanOrEqualTo(p25);
      assertThat(p25).isLessThanOrEqualTo(med);
      assertThat(med).isLessThanOrEqualTo(p75);
      assertThat(p75).isLessThanOrEqualTo(p95);
    }
    String svg = Files.readString(out.resolve("forecast.svg"));
    assertThat(svg).startsWith("<svg").contains("polygon").contains("polyline").endsWith("</svg>\n");
  }

  @Test
  void validateRuns() throws IOException {
    assertThat(new CommandLine(new ValidateCommand()).execute(shortScenario().toString(), "--draws", "2")).isEqualTo(0);
  }
}
