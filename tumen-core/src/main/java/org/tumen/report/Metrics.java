package org.tumen.report;

import java.util.Map;

/** Error measures between simulated and observed yearly series. */
public final class Metrics {
  private Metrics() {}

  /** Mean absolute percentage error over the given years, in percent. */
  public static double mape(Map<Integer, double[]> observed, double[] simulated, int firstYear, int fromYear, int toYear) {
    double sum = 0;
    int n = 0;
    for (var e : observed.entrySet()) {
      int y = e.getKey();
      if (y < fromYear || y > toYear || y - firstYear < 0 || y - firstYear >= simulated.length) continue;
      double obs = e.getValue()[0];
      if (obs <= 0) continue;
      sum += Math.abs(simulated[y - firstYear] - obs) / obs;
      n++;
    }
    return n == 0 ? Double.NaN : 100 * sum / n;
  }

  /**
   * Flee's averaged relative difference adapted to arrivals: per year, the sum over series (male and female
   * where the record splits by sex, else the total) of |simulated - observed|, divided by the observed
   * total; then the mean over years.
   */
  public static double ard(Map<Integer, double[]> observed, double[] total, double[] female, int firstYear, int fromYear,
      int toYear) {
    double sum = 0;
    int n = 0;
    for (var e : observed.entrySet()) {
      int y = e.getKey();
      int i = y - firstYear;
      if (y < fromYear || y > toYear || i < 0 || i >= total.length) continue;
      double[] o = e.getValue();
      if (o[0] <= 0) continue;
      double diff;
      if (!Double.isNaN(o[2])) {
        diff = Math.abs(female[i] - o[2]) + Math.abs((total[i] - female[i]) - (o[0] - o[2]));
      } else {
        diff = Math.abs(total[i] - o[0]);
      }
      sum += diff / o[0];
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
