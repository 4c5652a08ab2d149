package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Prior;

class MathTest {
  @Test
  void priorDrawsStayInsideTheirBoundsOnTheNaturalScale() {
    ParameterSpace space = new ParameterSpace(List.of("a", "b", "c"),
        List.of(new Prior(0.00002, 0.01, true), new Prior(0, 0.5, false), new Prior(14, 365, true)));
    RandomStream rng = new RandomStream(1, 2, 3, 4);
    for (int i = 0; i < 10_000; i++) {
      double[] x = space.samplePrior(rng);
      assertThat(space.inside(x)).isTrue();
      double[] v = space.toNatural(x);
      for (int j = 0; j < 3; j++) assertThat(space.priors().get(j).contains(v[j])).isTrue();
    }
  }

  @Test
  void logUniformPriorsAreUniformInTheLogarithm() {
    ParameterSpace space = new ParameterSpace(List.of("a"), List.of(new Prior(1, 10_000, true)));
    RandomStream rng = new RandomStream(5, 0, 0, 0);
    int below100 = 0;
    for (int i = 0; i < 20_000; i++) if (space.toNatural(space.samplePrior(rng))[0] < 100) below100++;
    assertThat(below100 / 20_000.0).isCloseTo(0.5, within(0.02));
  }

  @Test
  void drawingByWeight() {
    double[] w = {0.25, 0.5, 0.25};
    assertThat(Weights.draw(w, 0.0)).isEqualTo(0);
    assertThat(Weights.draw(w, 0.3)).isEqualTo(1);
    assertThat(Weights.draw(w, 0.99999)).isEqualTo(2);
  }

  @Test
  void kernelStepsHaveTheScaledCovarianceOfTheParticles() {
    ParameterSpace space = new ParameterSpace(List.of("a", "b"), List.of(new Prior(-10, 10, false), new Prior(-10, 10, false)));
    // Particles at (-1, -1) and (1, 1), equal weights: covariance [[1, 1], [1, 1]] (+ ridge); scale 0.5.
    Kernel k = Kernel.of(new double[][] {{-1, -1}, {1, 1}}, new double[] {0.5, 0.5}, space, 0.5);
    RandomStream rng = new RandomStream(3, 0, 0, 0);
    int n = 40_000;
    double sa = 0, sb = 0, saa = 0, sab = 0;
    for (int i = 0; i < n; i++) {
      double[] x = k.step(new double[] {2, 3}, rng, space);
      double a = x[0] - 2, b = x[1] - 3;
      sa += a;
      sb += b;
      saa += a * a;
      sab += a * b;
    }
    assertThat(sa / n).isCloseTo(0, within(0.02));
    assertThat(sb / n).isCloseTo(0, within(0.02));
    assertThat(saa / n).isCloseTo(0.5, within(0.02));
    assertThat(sab / n).isCloseTo(0.5, within(0.02));
  }

  @Test
  void reflectionFoldsStepsBackIntoTheBox() {
    assertThat(Kernel.reflect(0.5, 0, 1)).isEqualTo(0.5);
    assertThat(Kernel.reflect(1.25, 0, 1)).isEqualTo(0.75);
    assertThat(Kernel.reflect(-0.25, 0, 1)).isEqualTo(0.25);
    assertThat(Kernel.reflect(2.25, 0, 1)).isEqualTo(0.25);
    assertThat(Kernel.reflect(-3.5, 1, 3)).isEqualTo(1.5); // 4.5 below 1: up to 3, down to 1, up to 1.5
  }

  /** A reflected walk on a uniform target stays uniform: the proposal is symmetric. */
  @Test
  void aReflectedRandomWalkKeepsTheUniformLaw() {
    ParameterSpace space = new ParameterSpace(List.of("a"), List.of(new Prior(0, 1, false)));
    Kernel k = Kernel.of(new double[][] {{0}, {1}}, new double[] {0.5, 0.5}, space, 1.0); // sd 0.5
    RandomStream rng = new RandomStream(9, 0, 0, 0);
    int[] bins = new int[4];
    double[] x = {0.05};
    for (int i = 0; i < 200_000; i++) {
      x = k.step(x, rng, space);
      bins[(int) Math.min(3, x[0] * 4)]++;
    }
    for (int b : bins) assertThat(b / 200_000.0).isCloseTo(0.25, within(0.01));
  }

  @Test
  void distanceIsZeroInsideTheHiddenRangeAndRelativeOutside() {
    assertThat(Distance.outside(50, 30, 60)).isEqualTo(0);
    assertThat(Distance.outside(15, 30, 60)).isEqualTo(0.5);
    assertThat(Distance.outside(90, 30, 60)).isEqualTo(0.5);
  }
}
