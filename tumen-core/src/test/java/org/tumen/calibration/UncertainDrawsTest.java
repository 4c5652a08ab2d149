package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tumen.Tumen;
import org.tumen.batch.RunTask;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.Posterior;
import org.tumen.scenario.Scenario;

class UncertainDrawsTest {
  static final Scenario FLAGSHIP = Tumen.loader().withoutPosteriors().load(java.nio.file.Path.of("../scenarios/korea"));

  @Test
  void everyPriorParameterVariesFromThePosteriorOrItsPriorUnlessFixed() {
    Posterior post = new Posterior(List.of("crossing.base_rate", "effects.famine_push"), new double[][] {{0.001, 10}, {0.002, 20}},
        new double[] {1, 3}, new double[] {Double.NaN, Double.NaN});
    UncertainDraws u = new UncertainDraws(FLAGSHIP.parameters(), post, Map.of("effects.guard_2012", 2.0, "effects.famine_push", 5.0));
    assertThat(u.group("crossing.base_rate")).isEqualTo(UncertainDraws.Group.CALIBRATED);
    assertThat(u.group("effects.famine_push")).isEqualTo(UncertainDraws.Group.FIXED);
    assertThat(u.group("effects.guard_2017")).isEqualTo(UncertainDraws.Group.PRIOR_ONLY);
    assertThat(u.group("hiding.mortality")).isNull(); // a cited value, no prior
    assertThat(u.priorOnly()).hasSize(FLAGSHIP.parameters().calibrated().size() - 3);
    int second = 0;
    for (int d = 0; d < 400; d++) {
      Map<String, Double> m = u.draw(7, d, 0);
      assertThat(m).hasSize(FLAGSHIP.parameters().calibrated().size());
      assertThat(m.get("effects.guard_2012")).isEqualTo(2.0);
      assertThat(m.get("effects.famine_push")).isEqualTo(5.0);
      if (m.get("crossing.base_rate") == 0.002) second++;
      for (Parameter p : FLAGSHIP.parameters().calibrated()) {
        if (u.group(p.name()) == UncertainDraws.Group.PRIOR_ONLY) assertThat(p.prior().contains(m.get(p.name()))).as(p.name()).isTrue();
      }
      assertThat(u.draw(7, d, 0)).isEqualTo(m);
      assertThat(u.draw(7, d, 1).get("effects.guard_2017")).isNotEqualTo(m.get("effects.guard_2017"));
      assertThat(u.draw(7, d, 1).get("crossing.base_rate")).isEqualTo(m.get("crossing.base_rate"));
    }
    assertThat(second / 400.0).isCloseTo(0.75, within(0.07)); // weights 1 : 3
  }

  @Test
  void decompositionRunsShareWhatTheirGroupShares() {
    UncertainDraws u = new UncertainDraws(FLAGSHIP.parameters(), null, Map.of());
    List<RunTask> t = u.decompositionTasks("korea", 5, 3);
    assertThat(t).hasSize(15);
    for (int d = 0; d < 5; d++) {
      assertThat(t.get(5 + d).parameters()).isEqualTo(t.get(d).parameters());
      assertThat(t.get(5 + d).seed()).isNotEqualTo(t.get(d).seed());
      assertThat(t.get(10 + d).parameters()).isNotEqualTo(t.get(d).parameters());
    }
    assertThat(u.tasks("korea", 5, 3)).isEqualTo(t.subList(0, 5));
  }

  /** Y = c + p + e with variances 4, 1, 1: the shares are 4/6, 1/6 and 1/6. */
  @Test
  void theDecompositionRecoversKnownShares() {
    int n = 20_000;
    double[] a = new double[n], b = new double[n], c = new double[n];
    RandomStream r = new RandomStream();
    for (int d = 0; d < n; d++) {
      r.reset(1, 2, d, 0);
      double cal = 2 * r.normal(), p = r.normal(), p2 = r.normal();
      a[d] = cal + p + r.normal();
      b[d] = cal + p + r.normal();
      c[d] = cal + p2 + r.normal();
    }
    VarianceDecomposition.Row row = VarianceDecomposition.of(2020, a, b, c);
    assertThat(row.variance()).isCloseTo(6, within(0.2));
    assertThat(row.calibrated()).isCloseTo(4 / 6.0, within(0.03));
    assertThat(row.priorOnly()).isCloseTo(1 / 6.0, within(0.03));
    assertThat(row.chance()).isCloseTo(1 / 6.0, within(0.03));
    assertThat(row.calibrated() + row.priorOnly() + row.chance()).isCloseTo(1, within(1e-12));
  }
}
