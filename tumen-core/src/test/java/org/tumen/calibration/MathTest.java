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
  void effectiveSampleSize() {
    assertThat(Weights.ess(new double[] {1, 1, 1, 1})).isEqualTo(4.0);
    assertThat(Weights.ess(new double[] {1, 0, 0, 0})).isEqualTo(1.0);
    assertThat(Weights.ess(new double[] {0.5, 0.25, 0.25})).isCloseTo(1 / 0.375, within(1e-12));
  }

  @Test
  void normalisingLogWeightsSurvivesHugeExponents() {
    double[] w = Weights.normalise(new double[] {-1000, -1000 + Math.log(3)});
    assertThat(w[0]).isCloseTo(0.25, within(1e-12));
    assertThat(w[1]).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void drawingByWeight() {
    double[] w = {0.25, 0.5, 0.25};
    assertThat(Weights.draw(w, 0.0)).isEqualTo(0);
    assertThat(Weights.draw(w, 0.3)).isEqualTo(1);
    assertThat(Weights.draw(w, 0.99999)).isEqualTo(2);
  }

  @Test
  void kernelDensityIsANormalDensity() {
    ParameterSpace space = new ParameterSpace(List.of("a", "b"), List.of(new Prior(-10, 10, false), new Prior(-10, 10, false)));
    // Two particles at (-1, 0) and (1, 0), equal weights: covariance diag(1, 0) (+ ridge), kernel 2x.
    Kernel k = Kernel.of(new double[][] {{-1, 0}, {1, 0}}, new double[] {0.5, 0.5}, space);
    double varA = 2 * 1 + 1e-6 * 400, varB = 1e-6 * 400;
    double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(varA * varB) - 0.5 * (0.25 / varA);
    assertThat(k.logDensity(new double[] {0.5, 0}, new double[] {0, 0})).isCloseTo(expected, within(1e-9));
  }

  @Test
  void distanceIsZeroInsideTheHiddenRangeAndRelativeOutside() {
    assertThat(Distance.outside(50, 30, 60)).isEqualTo(0);
    assertThat(Distance.outside(15, 30, 60)).isEqualTo(0.5);
    assertThat(Distance.outside(90, 30, 60)).isEqualTo(0.5);
  }
}
