package org.tumen.report;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tumen.scenario.CsvTable;
import org.tumen.scenario.Problems;

/**
 * The observed record a scenario is compared with: yearly arrivals in South Korea (with sex where known)
 * and the estimates of people hiding in China (as ranges). Only years up to 2011 exist in the files; later
 * outcome data is a held-out test and is never read.
 */
public record Observed(Map<Integer, double[]> arrivals, Map<Integer, double[]> hidden) {
  /** Last year of outcome data the project may use. */
  public static final int LAST_CALIBRATION_YEAR = 2011;

  /** arrivals: year -> {total, male (NaN if unknown), female (NaN if unknown)}; hidden: year -> {low, high}. */
  public static Observed read(Path arrivalsFile, Path hiddenFile) {
    Problems problems = new Problems();
    Map<Integer, double[]> arrivals = new TreeMap<>();
    if (arrivalsFile != null) {
      CsvTable t = CsvTable.read(arrivalsFile, arrivalsFile.getFileName().toString(),
          Set.of("from_year", "to_year", "total", "male", "female", "source"), Set.of(), problems);
      for (CsvTable.Row r : t.rows()) {
        long from = r.wholeNumber("from_year", 1900, 2100), to = r.wholeNumber("to_year", 1900, 2100);
        if (from != to || r.text("total").isEmpty() || from > LAST_CALIBRATION_YEAR) continue; // buckets and gaps
        double total = r.number("total", 0, 1e9);
        double male = r.text("male").isEmpty() ? Double.NaN : r.number("male", 0, 1e9);
        double female = r.text("female").isEmpty() ? Double.NaN : r.number("female", 0, 1e9);
        arrivals.put((int) from, new double[] {total, male, female});
      }
    }
    Map<Integer, double[]> hidden = new TreeMap<>();
    if (hiddenFile != null) {
      CsvTable t = CsvTable.read(hiddenFile, hiddenFile.getFileName().toString(),
          Set.of("year", "low", "high", "point", "estimator", "source"), Set.of(), problems);
      for (CsvTable.Row r : t.rows()) {
        long year = r.wholeNumber("year", 1900, 2100);
        if (year > LAST_CALIBRATION_YEAR + 1) continue; // the 2012 estimate describes the hold-out boundary; kept
        hidden.put((int) year, new double[] {r.number("low", 0, 1e9), r.number("high", 0, 1e9)});
      }
    }
    problems.throwIfAny();
    return new Observed(arrivals, hidden);
  }
}
