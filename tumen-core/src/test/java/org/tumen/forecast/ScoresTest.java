package org.tumen.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Scores and baselines against values worked out by hand (the arithmetic is in the comments). */
class ScoresTest {
  static final QuantileForecast Q = new QuantileForecast(10, 20, 30, 40, 50);

  @Test
  void weightedIntervalScoreByHand() {
    // y = 55 above every quantile: |y - m| = 25; IS_0.5 = 20 + 4 * 15 = 80; IS_0.1 = 40 + 20 * 5 = 140;
    // WIS = (0.5 * 25 + 0.25 * 80 + 0.05 * 140) / 2.5 = 39.5 / 2.5 = 15.8
    assertThat(Q.wis(55)).isCloseTo(15.8, within(1e-12));
    // y = 35 inside both intervals: (0.5 * 5 + 0.25 * 20 + 0.05 * 40) / 2.5 = 3.8
    assertThat(Q.wis(35)).isCloseTo(3.8, within(1e-12));
    // y = 12, below the 50% interval only: |y - m| = 18; IS_0.5 = 20 + 4 * 8 = 52; IS_0.1 = 40;
    // (9 + 13 + 2) / 2.5 = 9.6
    assertThat(Q.wis(12)).isCloseTo(9.6, within(1e-12));
    assertThat(new QuantileForecast(7, 7, 7, 7, 7).wis(7)).isZero();
    assertThat(Q.in50(20)).isTrue();
    assertThat(Q.in50(19.9)).isFalse();
    assertThat(Q.in90(50)).isTrue();
    assertThat(Q.in90(50.1)).isFalse();
  }

  /** WIS is the mean pinball loss of the five quantiles times 2 (Bracher et al. 2021, eq. 4): another route to the same number. */
  @Test
  void weightedIntervalScoreIsTwiceTheMeanPinballLoss() {
    qt().forAll(lists().of(doubles().between(-1000, 1000)).ofSize(6)).checkAssert(v -> {
      double[] q = v.subList(0, 5).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double y = v.get(5);
      double[] tau = {.05, .25, .5, .75, .95};
      double pinball = 0;
      for (int k = 0; k < 5; k++) pinball += ((y <= q[k] ? 1 : 0) - tau[k]) * (q[k] - y);
      QuantileForecast f = new QuantileForecast(q[0], q[1], q[2], q[3], q[4]);
      assertThat(f.wis(y)).isCloseTo(2 * pinball / 5, within(1e-9 * (1 + Math.abs(y))));
      assertThat(f.wis(y)).isGreaterThanOrEqualTo(0);
    });
  }

  @Test
  void quantilesMustNotDecrease() {
    assertThatThrownBy(() -> new QuantileForecast(1, 3, 2, 4, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weightedQuantilesByHand() {
    double[] v = {3, 1, 2};
    // Equal weights: sorted 1, 2, 3 sit at 1/6, 1/2, 5/6; the median is 2, the 0.25-quantile 1 + (0.25 - 1/6) / (1/3) = 1.25.
    assertThat(Quantiles.of(v, null, .5)).isEqualTo(2);
    assertThat(Quantiles.of(v, null, .25)).isCloseTo(1.25, within(1e-12));
    assertThat(Quantiles.of(v, null, .05)).isEqualTo(1);
    assertThat(Quantiles.of(v, null, .95)).isEqualTo(3);
    // Weights 1, 2, 1 on values 1, 2, 3 (given as 3, 1, 2 with weights 1, 1, 2): positions 1/8, 1/2, 7/8.
    assertThat(Quantiles.of(v, new double[] {1, 1, 2}, .5)).isEqualTo(2);
    // q = 0.75: between 2 (at 1/2) and 3 (at 7/8): 2 + 0.25 / 0.375 = 2.6667
    assertThat(Quantiles.of(v, new double[] {1, 1, 2}, .75)).isCloseTo(2 + 0.25 / 0.375, within(1e-12));
    // A point with no weight is not there.
    assertThat(Quantiles.of(new double[] {1, 100, 3}, new double[] {1, 0, 1}, .75)).isCloseTo(3, within(1e-12));
    assertThat(Quantiles.cdf(new double[] {1, 2, 3, 4}, null, 2)).isCloseTo(0.375, within(1e-12));
    assertThat(Quantiles.moments(new double[] {1, 3}, new double[] {3, 1})).containsExactly(1.5, 0.75);
  }

  static NavigableMap<Integer, Double> history(int first, double... counts) {
    NavigableMap<Integer, Double> h = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) h.put(first + i, counts[i]);
    return h;
  }

  @Test
  void persistenceByHand() {
    // Log changes ln 2 and -ln 2: sigma = ln 2, 2 degrees of freedom; t_2(0.95) = 2.919986, t_2(0.75) = 0.816497.
    QuantileForecast f = Baseline.PERSISTENCE.forecast(history(2000, 100, 200, 100), 1);
    assertThat(f.p50()).isCloseTo(100, within(1e-9));
    assertThat(f.p95()).isCloseTo(756.83855, within(1e-3)); // 100 exp(2.919986 ln 2)
    assertThat(f.p75()).isCloseTo(176.11241, within(1e-3)); // 100 exp(0.816497 ln 2)
    assertThat(f.p05()).isCloseTo(13.212858, within(1e-4));
    assertThat(f.p25()).isCloseTo(56.781915, within(1e-4));
    // Four years ahead the sd doubles (sqrt 4).
    assertThat(Baseline.PERSISTENCE.forecast(history(2000, 100, 200, 100), 4).p95()).isCloseTo(5728.0459, within(1e-2));
  }

  @Test
  void driftByHand() {
    // Changes ln2, ln2, 0: mu = 2 ln2 / 3, s = ln2 / sqrt 3; h = 2: sd = s sqrt(2 (1 + 2/3)); median 400 exp(2 mu) = 400 * 2^(4/3).
    QuantileForecast f = Baseline.DRIFT.forecast(history(2000, 100, 200, 400, 400), 2);
    assertThat(f.p50()).isCloseTo(1007.93684, within(1e-3));
    assertThat(f.p05()).isCloseTo(119.366523, within(1e-3));
    assertThat(f.p95()).isCloseTo(8511.0687, within(1e-2));
  }

  @Test
  void trendOverTheLastFiveYearsByHand() {
    // Logs 0, 1, 2, 3, 5 in 2000-2004 (1999 is left out: only five years count): slope 1.2, 2.2 at 2002,
    // residuals 0.2, 0, -0.2, -0.4, 0.4, MSE 0.4 / 3; at 2005: 5.8, sd sqrt(0.4/3 (1 + 1/5 + 9/10)); t_3.
    NavigableMap<Integer, Double> h = history(1999, Math.exp(9), 1, Math.E, Math.exp(2), Math.exp(3), Math.exp(5));
    QuantileForecast f = Baseline.TREND.forecast(h, 1);
    assertThat(f.p50()).isCloseTo(330.29956, within(1e-3));
    assertThat(f.p05()).isCloseTo(95.079855, within(1e-3));
    assertThat(f.p25()).isCloseTo(220.358777, within(1e-3));
    assertThat(f.p75()).isCloseTo(495.091689, within(1e-3));
    assertThat(f.p95()).isCloseTo(1147.43337, within(1e-2));
  }

  @Test
  void tooShortAHistoryIsRefused() {
    assertThatThrownBy(() -> Baseline.DRIFT.forecast(history(2000, 100, 200), 1)).hasMessageContaining("longer history");
    assertThatThrownBy(() -> Baseline.TREND.forecast(history(2000, 100, 200), 1)).hasMessageContaining("longer history");
    assertThatThrownBy(() -> Baseline.PERSISTENCE.forecast(history(2000, 100, 0), 1)).hasMessageContaining("positive");
  }

  @Test
  void backtestRowsSummaryAndRelativeWis() {
    NavigableMap<Integer, Double> obs = history(2000, 100, 200, 100, 150, 120, 130, 160);
    List<Backtest.Row> rows = new java.util.ArrayList<>(Backtest.baselines(obs, List.of(2004, 2005), 2006));
    // 2004: two years each for three baselines; 2005: one year.
    assertThat(rows).hasSize(9);
    // A perfect forecaster scores 0, so its relative WIS is 0.
    for (Backtest.Row r : List.copyOf(rows)) {
      if (r.forecaster().equals("drift")) rows.add(new Backtest.Row(r.origin(), r.year(), "oracle", r.observed(),
          new QuantileForecast(r.observed(), r.observed(), r.observed(), r.observed(), r.observed())));
    }
    Backtest b = new Backtest(rows);
    assertThat(b.relativeWis("oracle", "persistence", r -> true)).isZero();
    assertThat(b.relativeWis("drift", "drift", r -> true)).isEqualTo(1.0);
    Backtest.Score s = b.score("oracle", r -> true);
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.coverage90()).isEqualTo(1.0);
    assertThat(s.mape()).isZero();
    // Persistence at 2004 forecasts 120 for 2006 (observed 160): MAPE of that row 25%.
    Backtest.Score p = b.score("persistence", r -> r.origin() == 2004 && r.year() == 2006);
    assertThat(p.mape()).isCloseTo(25, within(1e-9));
    assertThat(b.csv().lines().findFirst().orElseThrow()).isEqualTo(Backtest.CSV_HEADER);
    assertThat(b.csv().lines().count()).isEqualTo(13);
    assertThat(b.summary("oracle", 4)).contains("relative WIS of oracle against the best baseline").contains("0.00");
  }
}
