package org.tumen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PosteriorTest {
  static final List<String> NAMES = List.of("a", "b@2000");
  static final double[][] VALUES = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};

  @Test
  void equalWeightsGiveTheParticlesInOrderAndTheClosestIsBest() {
    Posterior p = new Posterior(NAMES, VALUES, new double[] {1, 1, 1, 1}, new double[] {0.9, 0.5, 0.7, Double.NaN});
    assertThat(p.draws(null)).extracting(m -> m.get("a")).containsExactly(1.0, 2.0, 3.0, 4.0);
    assertThat(p.draws(Set.of("b@2000"))).allSatisfy(m -> assertThat(m).containsOnlyKeys("b@2000"));
    assertThat(p.best()).isEqualTo(1);
  }

  /** The flagship is calibrated: it runs its best particle, and a loader without posteriors gives the written values. */
  @Test
  void aCalibratedScenarioRunsItsBestParticleAndStillKnowsItsWrittenValues() {
    java.nio.file.Path flagship = java.nio.file.Path.of("../scenarios/korea");
    Scenario calibrated = org.tumen.Tumen.load(flagship);
    Scenario written = org.tumen.Tumen.loader().withoutPosteriors().load(flagship);
    assertThat(calibrated.posterior()).isNotNull();
    assertThat(written.posterior()).isNull();
    Map<String, Double> best = calibrated.posterior().particle(calibrated.posterior().best());
    assertThat(calibrated.parameters().value("crossing.base_rate")).isEqualTo(best.get("crossing.base_rate"));
    assertThat(written.parameters().value("crossing.base_rate")).isEqualTo(4.0e-4); // scenario.yaml's value
  }

  @Test
  void unequalWeightsAreResampledInProportion() {
    Posterior p = new Posterior(NAMES, VALUES, new double[] {0.5, 0, 0.25, 0.25}, new double[] {1, 1, 1, 1});
    List<Map<String, Double>> d = p.draws(null);
    assertThat(d).extracting(m -> m.get("a")).containsExactly(1.0, 1.0, 3.0, 4.0);
    assertThat(p.best()).isZero();
  }
}
