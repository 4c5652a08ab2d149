package org.tumen.calibration;

import java.util.Map;
import org.tumen.report.Observed;

/**
 * How far a simulated history is from the observed record (the ABC distance). Three blocks, each the mean
 * of squared scaled errors, so that each block weighs the same however many years it has:
 * <ul>
 *   <li>arrivals in South Korea 1996-2011: error of log(1 + arrivals), scaled by {@link #ARRIVALS_SCALE};
 *   <li>female share of arrivals 2002-2011: difference in share, scaled by {@link #FEMALE_SCALE};
 *   <li>people hiding in China at the end of 2000, 2006 and 2012: zero inside the estimate's range, else the
 *       relative distance to the nearer end, scaled by {@link #HIDDEN_SCALE}.
 * </ul>
 * The distance is the square root of the sum of the three blocks: about 1 when arrivals are off by 15%, the
 * female share by 5 points or the hidden population by 10% outside its range.
 */
public final class Distance {
  public static final int ARRIVALS_FROM = 1996, FEMALE_FROM = 2002, TO = Observed.LAST_CALIBRATION_YEAR;
  public static final double ARRIVALS_SCALE = 0.15, FEMALE_SCALE = 0.05, HIDDEN_SCALE = 0.10;

  /** The blocks of one distance (each a mean of squared scaled errors) and the total. */
  public record Parts(double arrivals, double femaleShare, double hidden) {
    public double total() {
      return Math.sqrt(arrivals + femaleShare + hidden);
    }
  }

  private final Observed observed;

  public Distance(Observed observed) {
    this.observed = observed;
  }

  public Observed observed() {
    return observed;
  }

  /** The last year the distance reads: the hidden-population estimates may go beyond the arrivals. */
  public int lastYear() {
    int last = TO;
    for (int y : observed.hidden().keySet()) last = Math.max(last, y);
    return last;
  }

  /** Distance of one run's yearly series (indexed from firstYear); years the run does not cover are skipped. */
  public Parts of(int firstYear, Map<String, double[]> yearly) {
    return partial(firstYear, yearly, Integer.MAX_VALUE);
  }

  /**
   * The distance counting only the years up to {@code throughYear}, each block still divided by its number of
   * years in the whole run. Later years can only add to each block, so this is a lower bound on the distance
   * of the finished run: a run in progress whose bound passes the tolerance cannot be accepted.
   */
  public Parts partial(int firstYear, Map<String, double[]> yearly, int throughYear) {
    double[] arrived = yearly.get("arrived_south_korea"), female = yearly.get("arrived_south_korea_female");
    double[] hiding = yearly.get("hiding_in_china");
    if (arrived == null || female == null || hiding == null) { // a run cut short
      double inf = Double.POSITIVE_INFINITY;
      return new Parts(inf, inf, inf);
    }
    double a = 0, f = 0, h = 0;
    int na = 0, nf = 0, nh = 0;
    for (var e : observed.arrivals().entrySet()) {
      int y = e.getKey(), i = y - firstYear;
      if (y < ARRIVALS_FROM || y > TO || i < 0 || i >= arrived.length) continue;
      double[] o = e.getValue();
      boolean done = y <= throughYear;
      double err = (Math.log1p(arrived[i]) - Math.log1p(o[0])) / ARRIVALS_SCALE;
      if (done) a += err * err;
      na++;
      if (y >= FEMALE_FROM && !Double.isNaN(o[2]) && o[0] > 0) {
        double simShare = arrived[i] > 0 ? female[i] / arrived[i] : 0;
        double e2 = (simShare - o[2] / o[0]) / FEMALE_SCALE;
        if (done) f += e2 * e2;
        nf++;
      }
    }
    for (var e : observed.hidden().entrySet()) {
      int i = e.getKey() - firstYear;
      if (i < 0 || i >= hiding.length) continue;
      double e2 = outside(hiding[i], e.getValue()[0], e.getValue()[1]) / HIDDEN_SCALE;
      if (e.getKey() <= throughYear) h += e2 * e2;
      nh++;
    }
    return new Parts(na == 0 ? 0 : a / na, nf == 0 ? 0 : f / nf, nh == 0 ? 0 : h / nh);
  }

  /** 0 inside [low, high], else the relative distance to the nearer end. */
  public static double outside(double v, double low, double high) {
    if (v < low) return (low - v) / low;
    if (v > high) return (v - high) / high;
    return 0;
  }
}
