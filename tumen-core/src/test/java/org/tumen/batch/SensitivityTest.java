package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.tumen.batch.SensitivityDesign.Factor;
import org.tumen.scenario.Prior;

/** The estimators on functions whose indices are known. */
class SensitivityTest {
  static final List<Factor> THREE = List.of(new Factor("x1", new Prior(0, 1, false)),
      new Factor("x2", new Prior(0, 1, false)), new Factor("x3", new Prior(0, 1, false)));

  static double[] evaluate(SensitivityDesign d, ToDoubleFunction<double[]> f) {
    List<RunTask> tasks = d.tasks("sc", 1, Map.of());
    double[] y = new double[tasks.size()];
    for (RunTask t : tasks) {
      double[] x = {t.parameters().get("x1"), t.parameters().get("x2"), t.parameters().get("x3")};
      y[t.index()] = f.applyAsDouble(x);
    }
    return y;
  }

  @Test
  void morrisFindsTheLinearSlopesAndTheIdleFactor() {
    Morris.Design d = Morris.design(THREE, 20, 4, 42);
    assertThat(d.points()).hasSize(20 * 4);
    for (double[] p : d.points()) for (double v : p) assertThat(v).isBetween(0.0, 1.0);
    // y = 3 x1 - 2 x2 + 0 x3: every elementary effect is the slope.
    List<Morris.Index> idx = Morris.indices(d, evaluate(d, x -> 3 * x[0] - 2 * x[1]));
    assertThat(idx.get(0).muStar()).isCloseTo(3, within(1e-9));
    assertThat(idx.get(0).sigma()).isCloseTo(0, within(1e-9));
    assertThat(idx.get(1).mu()).isCloseTo(-2, within(1e-9));
    assertThat(idx.get(1).muStar()).isCloseTo(2, within(1e-9));
    assertThat(idx.get(2).muStar()).isZero();
    // A trajectory's runs share a seed; trajectories differ.
    List<RunTask> tasks = d.tasks("sc", 100, Map.of());
    assertThat(tasks.get(0).seed()).isEqualTo(tasks.get(3).seed()).isEqualTo(100);
    assertThat(tasks.get(4).seed()).isEqualTo(101);
  }

  @Test
  void morrisSeesInteractionsAsSpread() {
    Morris.Design d = Morris.design(THREE, 30, 4, 7);
    List<Morris.Index> idx = Morris.indices(d, evaluate(d, x -> x[0] * x[2] + x[1]));
    assertThat(idx.get(0).sigma()).isGreaterThan(0.1); // the effect of x1 depends on x3
    assertThat(idx.get(1).sigma()).isCloseTo(0, within(1e-9));
  }

  @Test
  void sobolIndicesOfALinearFunction() {
    // y = x1 + 2 x2, uniform inputs: Var = 1/12 + 4/12; S1 = ST = 0.2 and 0.8; x3 has none.
    Sobol.Design d = Sobol.design(THREE, 1024);
    assertThat(d.points()).hasSize(1024 * 5);
    List<Sobol.Index> idx = Sobol.indices(d, evaluate(d, x -> x[0] + 2 * x[1]));
    assertThat(idx.get(0).first()).isCloseTo(0.2, within(0.03));
    assertThat(idx.get(0).total()).isCloseTo(0.2, within(0.03));
    assertThat(idx.get(1).first()).isCloseTo(0.8, within(0.03));
    assertThat(idx.get(1).total()).isCloseTo(0.8, within(0.03));
    assertThat(idx.get(2).first()).isCloseTo(0, within(1e-9));
    assertThat(idx.get(2).total()).isCloseTo(0, within(1e-9));
  }

  @Test
  void sobolTotalOrderCatchesAnInteraction() {
    // y = x1 * x2: each S1 = 3/7, each ST = 4/7 (Var = 7/144; main effects 3/144 each, interaction 1/144).
    Sobol.Design d = Sobol.design(THREE, 2048);
    List<Sobol.Index> idx = Sobol.indices(d, evaluate(d, x -> x[0] * x[1]));
    assertThat(idx.get(0).first()).isCloseTo(3.0 / 7, within(0.04));
    assertThat(idx.get(0).total()).isCloseTo(4.0 / 7, within(0.04));
  }

  @Test
  void logPriorsAreSampledInLogSpace() {
    Factor f = new Factor("rate", new Prior(0.001, 0.1, true));
    assertThat(f.value(0.5)).isCloseTo(0.01, within(1e-12));
  }
}
