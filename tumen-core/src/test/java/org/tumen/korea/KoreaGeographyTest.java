package org.tumen.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Tumen;
import org.tumen.scenario.Scenario;

/** Regressions found by fuzzing the scenario loader (tumen-fuzz). */
class KoreaGeographyTest {
  static final Path FLAGSHIP = Path.of("../scenarios/korea");

  @TempDir
  Path tmp;

  /**
   * Ryanggang has one route, to the Hyesan crossing; give Hyesan a second China border place and the region has two
   * (crossing point, border place) pairs for one route. This threw ArrayIndexOutOfBoundsException from the checks.
   */
  @Test
  void aCrossingPointMayLeadToSeveralBorderPlaces() throws IOException {
    Path dir = tmp.resolve("scenarios/korea");
    copyFiles(FLAGSHIP, dir);
    copyFiles(FLAGSHIP.resolve("../../data/observed"), tmp.resolve("data/observed"));
    Path routes = dir.resolve("routes.csv");
    Files.writeString(routes, Files.readString(routes) + "hyesan,yanbian,300.0,river,test\n");
    Scenario s = Tumen.load(dir);
    KoreaGeography g = new KoreaGeography(s.places());
    int ryanggang = s.places().indexOf("ryanggang");
    assertThat(g.crossInto[ryanggang]).hasSize(2);
    assertThat(g.crossCumulative[ryanggang][1]).isEqualTo(1.0);
  }

  static void copyFiles(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path p : files.toList()) if (Files.isRegularFile(p)) Files.copy(p, to.resolve(p.getFileName()));
    }
  }
}
