package org.tumen.flee;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The UNHCR registration series of a Flee folder (source_data/data_layout.csv and the files it names), with
 * Flee's interpolation, level-1 registration corrections and day-0 handling.
 *
 * <p>These numbers drive spawning (the daily rise in registrations is the number of new agents) and are the
 * "data" columns of out.csv, so they follow Flee's DataTable to the letter, quirks included (see docs/FLEE.md:
 * the day-0 count adds the "total" series to the camp series; merged series drop rows past the added file).
 */
public final class RegistrationData {
  /** Series names in data_layout.csv order; Flee treats the first as the total (normally "total"). */
  private final List<String> headers;
  private final Map<String, Integer> index = new HashMap<>();
  /** Per series: day offsets from the start date, and counts (already divided by hasten). */
  private final double[][] days;
  private final double[][] counts;

  RegistrationData(List<String> headers, double[][] days, double[][] counts) {
    this.headers = List.copyOf(headers);
    this.days = days;
    this.counts = counts;
    for (int i = 0; i < headers.size(); i++) index.putIfAbsent(headers.get(i), i);
  }

  public List<String> headers() {
    return headers;
  }

  public boolean has(String name) {
    return index.containsKey(name);
  }

  /**
   * Flee's level-1 correction: on the named series, finds the row dated {@code day} and scales every earlier row
   * by (that row's count / the previous row's count), so that early over-registrations line up with the later,
   * verified ("level 2") numbers. Returns false when no row has that date.
   */
  boolean correct(String name, int day) {
    int h = index.get(name);
    boolean found = false;
    double[] d = days[h], c = counts[h];
    for (int i = 0; i < d.length; i++) {
      if ((int) d[i] == day) {
        found = true;
        if (i > 0) {
          double factor = c[i] / c[i - 1];
          for (int j = 0; j < i; j++) c[j] *= factor;
        }
      }
    }
    return found;
  }

  /** The series' count on a day, linearly interpolated between rows and truncated as Python's int() does. */
  public int interpolated(String name, int day) {
    int h = index.get(name);
    double[] d = days[h], c = counts[h];
    if (d.length == 0) return 0;
    if (day <= d[0]) return (int) c[0];
    for (int i = 1; i < d.length; i++) {
      if (day < d[i]) {
        double fraction = (day - d[i - 1]) / (d[i] - d[i - 1]);
        return (int) (c[i - 1] + fraction * (c[i] - c[i - 1]));
      }
    }
    return (int) c[c.length - 1];
  }

  /**
   * Merges a second file into a series the way Flee's AddCSVTables does (used when data_layout.csv lists several
   * files for one camp): rows are matched by date and summed; rows of the first file beyond the second's last date
   * are not carried over, exactly as in Flee.
   */
  static double[][] addTables(double[] d1, double[] c1, double[] d2, double[] c2) {
    double[] outD = new double[d1.length + 2 * d2.length + 1];
    double[] outC = new double[outD.length];
    int n = 0, offset = 0;
    double last = 0;
    for (int k = 0; k < d2.length; k++) {
      while (d2[k] > d1[offset]) {
        if (n == outD.length) {
          outD = java.util.Arrays.copyOf(outD, n * 2);
          outC = java.util.Arrays.copyOf(outC, n * 2);
        }
        outD[n] = d1[offset];
        outC[n++] = last + c1[offset];
        if (offset < d1.length - 1) offset++;
        else break;
      }
      if (n + 1 >= outD.length) {
        outD = java.util.Arrays.copyOf(outD, n * 2 + 2);
        outC = java.util.Arrays.copyOf(outC, n * 2 + 2);
      }
      if (d2[k] == d1[offset]) {
        outD[n] = d2[k];
        outC[n++] = c2[k] + c1[offset];
        if (offset < d1.length - 1) offset++;
        last = c2[k];
      } else if (d2[k] < d1[offset]) {
        outD[n] = d2[k];
        outC[n++] = c2[k] + c1[offset];
        last = c2[k];
      }
    }
    return new double[][] {java.util.Arrays.copyOf(outD, n), java.util.Arrays.copyOf(outC, n)};
  }

  /**
   * Everything the run needs from the registrations, computed once: new agents per day, the running raw UNHCR
   * count, the refugee debt, and each camp's data column.
   */
  public Schedule schedule(List<String> camps, int dayCount, boolean sumFromCamps, boolean emptyCampsOnDay0,
      boolean insertDay0) {
    int se = emptyCampsOnDay0 ? 1 : 0;
    Map<String, Integer> day0 = new HashMap<>();
    int[] newAgents = new int[dayCount];
    long[] raw = new long[dayCount];
    long[] debtAfter = new long[dayCount];
    long debt = 0, rawTotal = 0;
    for (int t = 0; t < dayCount; t++) {
      long diff;
      if (t == 0) {
        // Flee's get_daily_difference on day 0, with its bookkeeping of day-0 populations.
        long sum = 0;
        day0.put("total", 0);
        for (String h : headers) {
          int pop = interpolated(h, 0) - day0.getOrDefault(h, 0) * se;
          if (day0.getOrDefault(h, 0) == 0) day0.put(h, pop);
          if (sumFromCamps) {
            sum += pop;
            day0.merge("total", pop, Integer::sum);
          }
        }
        if (!sumFromCamps) {
          sum = interpolated("total", 0) - day0.getOrDefault("total", 0) * se;
          day0.put("total", (int) sum);
        }
        diff = sum * (1 - se);
      } else {
        diff = 0;
        if (sumFromCamps) {
          for (String h : headers.subList(1, headers.size())) diff += (long) field(h, t, day0, se) - field(h, t - 1, day0, se);
        } else {
          diff = (long) field("total", t, day0, se) - field("total", t - 1, day0, se);
        }
      }
      long fresh = diff - debt;
      rawTotal += diff;
      if (insertDay0 && t == 0) fresh = 0;
      if (fresh < 0) {
        debt = -fresh;
        fresh = 0;
      } else if (debt > 0) {
        debt = 0;
      }
      // Saturates rather than wraps: a day of more than 2^31 newcomers is then refused as too many agents.
      newAgents[t] = (int) Math.min(fresh, Integer.MAX_VALUE);
      raw[t] = rawTotal;
      debtAfter[t] = debt;
    }
    int[][] campData = new int[camps.size()][dayCount];
    int[] initial = new int[camps.size()];
    for (int c = 0; c < camps.size(); c++) {
      String camp = camps.get(c);
      // Initial refugees are placed before day 0's bookkeeping, so they never subtract day-0 populations.
      initial[c] = !emptyCampsOnDay0 && insertDay0 ? interpolated(camp, 0) : 0;
      for (int t = 0; t < dayCount; t++) campData[c][t] = field(camp, t, day0, se);
    }
    return new Schedule(newAgents, raw, debtAfter, campData, initial);
  }

  private int field(String name, int day, Map<String, Integer> day0, int se) {
    return interpolated(name, day) - day0.getOrDefault(name, 0) * se;
  }

  /**
   * @param newAgents agents spawned in conflict zones on each day
   * @param rawCount the cumulative raw UNHCR count after each day ("raw UNHCR refugee count")
   * @param debt the refugee debt after each day (registration drops not yet made up)
   * @param campData each camp's registered count per day (the "data" columns)
   * @param initialInCamp people placed in each camp before day 0
   */
  public record Schedule(int[] newAgents, long[] rawCount, long[] debt, int[][] campData, int[] initialInCamp) {
    public long totalAgents(int[] initialElsewhere) {
      long n = 0;
      for (int x : newAgents) n += x;
      for (int x : initialInCamp) n += x;
      for (int x : initialElsewhere) n += x;
      return n;
    }
  }
}
