package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tumen.engine.RandomStream;
import org.tumen.forecast.Quantiles;

/**
 * The table method on a model whose posterior is known: θ1 uniform on [-5, 5] seen through two noisy features
 * (sd 0.5 each, so the posterior is normal with sd 0.5 / sqrt 2 around their mean), θ2 uniform on [0, 1] that
 * nothing depends on, and a feature of pure noise.
 */
class RegressionAbcTest {
  static final int N = 6000;
  static final double[] LO = {-5, 0}, HI = {5, 1};

  static double[][][] table(long seed) {
    double[][] theta = new double[N][2], f = new double[N][3];
    RandomStream rng = new RandomStream();
    for (int i = 0; i < N; i++) {
      rng.reset(seed, 1, i, 0);
      theta[i][0] = -5 + 10 * rng.nextDouble();
      theta[i][1] = rng.nextDouble();
      f[i][0] = theta[i][0] + 0.5 * rng.normal();
      f[i][1] = theta[i][0] + 0.5 * rng.normal();
      f[i][2] = rng.normal();
    }
    return new double[][][] {theta, f};
  }

  static final RegressionAbc.Settings SETTINGS = new RegressionAbc.Settings(300, 3000, 0.1);

  @Test
  void recoversAKnownPosteriorAndLeavesAnUninformedParameterAtItsPrior() {
    double[][][] t = table(1);
    RegressionAbc abc = new RegressionAbc(t[0], LO, HI, t[1], SETTINGS);
    RegressionAbc.Result r = abc.analyse(new double[] {1.0, 1.4, 0.0}, -1, null);
    assertThat(r.estimated()).containsExactly(true, false);
    assertThat(r.adjusted()).isTrue();
    assertThat(r.r2()[0]).isGreaterThan(0.5);
    assertThat(r.r2()[1]).isLessThan(0.1);
    double[] mv = Quantiles.moments(r.parameter(0), r.weights());
    // Exact posterior: N(1.2, 0.354^2).
    assertThat(mv[0]).isCloseTo(1.2, within(0.08));
    assertThat(Math.sqrt(mv[1])).isCloseTo(0.5 / Math.sqrt(2), within(0.07));
    double[] m2 = Quantiles.moments(r.parameter(1), r.weights());
    assertThat(m2[0]).isCloseTo(0.5, within(0.06));
    assertThat(Math.sqrt(m2[1])).isCloseTo(Math.sqrt(1 / 12.0), within(0.04));
    // Adjusted values stay in the prior's box.
    for (double[] th : r.theta()) assertThat(th[0]).isBetween(-5.0, 5.0);
  }

  @Test
  void adjustsOtherQuantitiesToo() {
    double[][][] t = table(2);
    // A "future" quantity: θ1 itself plus noise of sd 0.3; predictive given the record: sd sqrt(0.354^2 + 0.3^2) = 0.464.
    double[][] extra = new double[N][1];
    RandomStream rng = new RandomStream();
    for (int i = 0; i < N; i++) extra[i][0] = t[0][i][0] + 0.3 * rng.reset(2, 9, i, 0).normal();
    RegressionAbc.Result r = new RegressionAbc(t[0], LO, HI, t[1], SETTINGS).analyse(new double[] {-2, -2.2, 0.5}, -1, extra);
    double[] mv = Quantiles.moments(r.quantity(0), r.weights());
    assertThat(mv[0]).isCloseTo(-2.1, within(0.1));
    assertThat(Math.sqrt(mv[1])).isCloseTo(0.464, within(0.08));
  }

  @Test
  void isDeterministicAndLeavesTheExcludedRowOut() {
    double[][][] t = table(3);
    RegressionAbc abc = new RegressionAbc(t[0], LO, HI, t[1], SETTINGS);
    RegressionAbc.Result a = abc.analyse(t[1][17], 17, null), b = abc.analyse(t[1][17], 17, null);
    assertThat(a.rows()).containsExactly(b.rows()).doesNotContain(17);
    assertThat(a.theta()).isDeepEqualTo(b.theta());
  }

  /** The check this method's use rests on: leave-one-out SBC on a known model gives nominal coverage. */
  @Test
  void simulationBasedCalibrationOfAKnownModelIsNominal() {
    double[][][] t = table(4);
    RegressionAbc abc = new RegressionAbc(t[0], LO, HI, t[1], SETTINGS);
    Sbc.Result r = Sbc.run(abc, List.of("theta1", "theta2"), t[0], t[1], 200, 4, null);
    assertThat(r.replicates()).isEqualTo(200);
    for (int j = 0; j < 2; j++) {
      assertThat(r.coverage(j, .9)).as("90%% coverage of %d", j).isBetween(0.84, 0.96);
      assertThat(r.coverage(j, .5)).as("50%% coverage of %d", j).isBetween(0.40, 0.60);
    }
    assertThat(r.estimatedShare(0)).isEqualTo(1.0);
    assertThat(r.csv()).startsWith("parameter,replicates,estimated_share,coverage50,coverage90,bin0");
    assertThat(r.svg("test")).startsWith("<svg").contains("theta2");
  }

  /** An overconfident method must fail the check: rank statistics of a posterior shrunk to half its width. */
  @Test
  void simulationBasedCalibrationCatchesAnOverconfidentPosterior() {
    double[][][] t = table(5);
    RegressionAbc abc = new RegressionAbc(t[0], LO, HI, t[1], SETTINGS);
    int[] rows = Sbc.pick(abc, N, 200, 5);
    int in90 = 0;
    for (int row : rows) {
      RegressionAbc.Result post = abc.analyse(t[1][row], row, null);
      double[] v = post.parameter(0);
      double m = Quantiles.moments(v, post.weights())[0];
      for (int i = 0; i < v.length; i++) v[i] = m + 0.5 * (v[i] - m);
      double u = Quantiles.cdf(v, post.weights(), t[0][row][0]);
      if (u >= 0.05 && u <= 0.95) in90++;
    }
    assertThat(in90 / 200.0).isLessThan(0.8);
  }
}
