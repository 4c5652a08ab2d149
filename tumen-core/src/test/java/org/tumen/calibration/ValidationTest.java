package org.tumen.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tumen.batch.RunSummary;
import org.tumen.report.Observed;

/** The posterior predictive check on a made-up ensemble whose medians miss the record by known amounts. */
class ValidationTest {
  /** Observed 1,000 a year; runs at 1,000 x exp(bias(year)) x (1 +- 2%), bias alternating +-0.3. */
  static PosteriorPredictive.Ensemble ensemble(Observed obs) {
    List<RunSummary> runs = new ArrayList<>();
    for (int r = 0; r < 41; r++) {
      double[] arrived = new double[2012 - 1990 + 1], female = new double[arrived.length], hiding = new double[arrived.length];
      for (int i = 0; i < arrived.length; i++) {
        int y = 1990 + i;
        double bias = y % 2 == 0 ? 0.3 : -0.3;
        arrived[i] = 1000 * Math.exp(bias) * (1 + 0.02 * (r - 20) / 20.0);
        female[i] = 0.7 * arrived[i];
        hiding[i] = 50_000;
      }
      Map<String, double[]> series = new TreeMap<>(Map.of("arrived_south_korea", arrived, "arrived_south_korea_female", female,
          "hiding_in_china", hiding));
      for (String other : List.of("repatriated", "sentenced_labour_training", "sentenced_kyohwaso", "sentenced_kwanliso", "executed")) {
        series.put(other, new double[arrived.length]);
      }
      runs.add(new RunSummary(r, "toy", r, r, Map.of(), 1990, series, 0, 0));
    }
    return new PosteriorPredictive.Ensemble(1990, runs);
  }

  static Observed observed() {
    Map<Integer, double[]> arrivals = new TreeMap<>();
    for (int y = 1996; y <= 2011; y++) arrivals.put(y, new double[] {1000, 300, 700});
    return new Observed(arrivals, new TreeMap<>(Map.of(2006, new double[] {30_000, 60_000})));
  }

  @Test
  void theDiscrepancyIsTheMediansLogErrorAndWidensTheIntervals() {
    Observed obs = observed();
    Validation v = Validation.of(ensemble(obs), obs, 7);
    // Medians are 1000 e^(+-0.3): log(1 + median) - log(1 + 1000) is about +-0.3 in every year.
    assertThat(v.sigma()).isCloseTo(0.3, within(0.002));
    assertThat(v.covered90()).isZero(); // the runs alone (+-2%) miss every year
    assertThat(v.recorded90()).isGreaterThanOrEqualTo(12);
    assertThat(v.mape()).isCloseTo(100 * (Math.exp(0.3) - 1 + 1 - Math.exp(-0.3)) / 2, within(1.0));
    assertThat(v.femaleWithin10()).isEqualTo(10);
    assertThat(v.hiddenInside()).isEqualTo(1);
  }

  @Test
  void theDiscrepancyDrawsAreReproducible() {
    Observed obs = observed();
    assertThat(Validation.of(ensemble(obs), obs, 7).recorded()).isEqualTo(Validation.of(ensemble(obs), obs, 7).recorded());
    assertThat(Validation.of(ensemble(obs), obs, 8).recorded()).isNotEqualTo(Validation.of(ensemble(obs), obs, 7).recorded());
  }

  @Test
  void theForecastAddsRecordedArrivals() {
    Observed obs = observed();
    Forecast f = Forecast.of(ensemble(obs), obs, 7);
    assertThat(f.series()).containsKeys("arrived_south_korea", Forecast.RECORDED, "hiding_in_china");
    Forecast.Row model = f.series().get("arrived_south_korea").get(10), recorded = f.series().get(Forecast.RECORDED).get(10);
    assertThat(recorded.p95() - recorded.p05()).isGreaterThan(5 * (model.p95() - model.p05()));
  }
}
