package org.tumen.batch;

import java.util.Arrays;
import java.util.List;
import org.tumen.scenario.InvalidInputException;

/**
 * One number read off a run, for sweep tables and sensitivity indices: a series (or the sum of several)
 * totalled over a range of years, e.g. {@code arrived_south_korea:2001-2011}, or read in one year, e.g.
 * {@code hiding_in_china@2012}. Stocks (people hiding) make sense only in one year; flows (arrivals,
 * repatriations) add up over years.
 *
 * @param label how tables and CSV headers name it (the text it was parsed from)
 * @param series the series added together
 */
public record Measure(String label, List<String> series, int fromYear, int toYear) {
  public Measure {
    series = List.copyOf(series);
    if (series.isEmpty()) throw new IllegalArgumentException("a measure needs a series");
    if (toYear < fromYear) throw new IllegalArgumentException("years " + fromYear + "-" + toYear + " are reversed");
  }

  /** Total of the series over the years; years outside the run count as missing (NaN). */
  public double of(RunSummary r) {
    double total = 0;
    for (String s : series) {
      double[] v = r.series(s);
      for (int y = fromYear; y <= toYear; y++) {
        int i = y - r.firstYear();
        total += i >= 0 && i < v.length ? v[i] : Double.NaN;
      }
    }
    return total;
  }

  /** Every run's value, in run order. */
  public double[] of(List<RunSummary> runs) {
    return runs.stream().mapToDouble(this::of).toArray();
  }

  /**
   * Parses {@code SERIES[+SERIES...]:FROM-TO} or {@code SERIES[+SERIES...]@YEAR}. Series names are checked
   * when the measure is read off a run; the form is checked here, naming {@code origin} (an option or a file).
   */
  public static Measure parse(String text, String origin) {
    String t = text.trim();
    int at = t.lastIndexOf('@'), colon = t.lastIndexOf(':');
    int split = Math.max(at, colon);
    if (split <= 0) throw bad(origin, text, "expected SERIES:FROM-TO (a total, e.g. arrived_south_korea:2001-2011)"
        + " or SERIES@YEAR (e.g. hiding_in_china@2012)");
    List<String> series = Arrays.stream(t.substring(0, split).split("\\+")).map(String::trim).toList();
    if (series.stream().anyMatch(s -> !s.matches("[a-z][a-z0-9_]*"))) {
      throw bad(origin, text, "series names are lower-case words joined by '+', e.g. sentenced_kyohwaso+sentenced_kwanliso");
    }
    String years = t.substring(split + 1);
    try {
      if (split == at) {
        int y = Integer.parseInt(years);
        return new Measure(t, series, y, y);
      }
      String[] ft = years.split("-");
      if (ft.length != 2) throw bad(origin, text, "expected a year range FROM-TO after ':', got '" + years + "'");
      int from = Integer.parseInt(ft[0].trim()), to = Integer.parseInt(ft[1].trim());
      if (to < from) throw bad(origin, text, "the year range " + years + " ends before it starts");
      return new Measure(t, series, from, to);
    } catch (NumberFormatException e) {
      throw bad(origin, text, "'" + years + "' is not a year or a year range FROM-TO");
    }
  }

  private static InvalidInputException bad(String origin, String token, String message) {
    return new InvalidInputException(origin, 0, token, message);
  }
}
