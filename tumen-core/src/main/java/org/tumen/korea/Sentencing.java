package org.tumen.korea;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tumen.engine.RandomStream;
import org.tumen.engine.SimCalendar;
import org.tumen.scenario.CsvTable;
import org.tumen.scenario.Problems;

/**
 * North Korea's sentencing of returnees as a table that changes by period (sentencing.csv): for each
 * period, offence (economic, political, helper), record (first or repeat) and class background, the
 * chances of each outcome and the range of its length in days.
 */
final class Sentencing {
  static final String[] OFFENCES = {"economic", "political", "helper"};
  static final String[] RECORDS = {"first", "repeat"};
  static final String[] BACKGROUNDS = {"core", "wavering", "hostile"};
  static final String[] OUTCOMES = {"release", "labour_training", "kyohwaso", "kwanliso", "execution"};
  static final int RELEASE = 0, LABOUR = 1, KYOHWASO = 2, KWANLISO = 3, EXECUTION = 4;

  /** One distribution of outcomes. */
  record Cell(double[] cumulative, int[] outcome, int[] minDays, int[] maxDays) {}

  private final int[] periodStart; // simulation day
  private final Cell[][][][] cells; // [period][offence][record][background]

  private Sentencing(int[] periodStart, Cell[][][][] cells) {
    this.periodStart = periodStart;
    this.cells = cells;
  }

  static Sentencing read(CsvTable t, SimCalendar calendar, Problems problems) {
    // Group rows by period, then by (offence, record, background) with 'any' expanded; specific rows win.
    Map<LocalDate, LocalDate> periods = new TreeMap<>();
    Map<String, List<CsvTable.Row>> byKey = new LinkedHashMap<>();
    for (CsvTable.Row r : t.rows()) {
      LocalDate from = r.date("from", true), to = r.date("to", false);
      String offence = r.requiredText("offence"), record = r.requiredText("record"), bg = r.requiredText("background");
      String outcome = r.requiredText("outcome");
      r.number("probability", 0, 1);
      double min = r.number("min_days", 0, 36500), max = r.number("max_days", 0, 36500);
      r.requiredText("source");
      if (from == null) continue;
      if (to != null && to.isBefore(from)) {
        r.problem("to", "ends (" + to + ") before it starts (" + from + ")");
        continue;
      }
      if (!List.of(OFFENCES).contains(offence)) r.problem("offence", "expected one of " + List.of(OFFENCES) + ", got '" + offence + "'");
      if (!record.equals("any") && !List.of(RECORDS).contains(record)) r.problem("record", "expected first, repeat or any, got '" + record + "'");
      if (!bg.equals("any") && !List.of(BACKGROUNDS).contains(bg)) r.problem("background", "expected core, wavering, hostile or any, got '" + bg + "'");
      if (!List.of(OUTCOMES).contains(outcome)) r.problem("outcome", "expected one of " + List.of(OUTCOMES) + ", got '" + outcome + "'");
      if (min > max) r.problem("max_days", "max_days (" + max + ") is below min_days (" + min + ")");
      LocalDate end = to == null ? LocalDate.MAX : to;
      LocalDate prev = periods.putIfAbsent(from, end);
      if (prev != null && !prev.equals(end)) {
        r.problem("to", "period starting " + from + " is given with two different ends (" + prev + " and " + to + ")");
      }
      byKey.computeIfAbsent(from + "|" + offence + "|" + record + "|" + bg, k -> new ArrayList<>()).add(r);
    }
    if (!problems.isEmpty()) return null;
    // Periods must follow each other without gap or overlap and cover the run.
    List<LocalDate> starts = new ArrayList<>(periods.keySet());
    if (starts.isEmpty()) {
      problems.add(t.file(), 0, "", "no sentencing rows; expected at least one period");
      return null;
    }
    if (starts.get(0).isAfter(calendar.start())) {
      problems.add(t.file(), 0, "from", "the first period starts " + starts.get(0) + ", after the run starts (" + calendar.start() + ")");
    }
    for (int i = 0; i < starts.size(); i++) {
      LocalDate end = periods.get(starts.get(i));
      LocalDate next = i + 1 < starts.size() ? starts.get(i + 1) : null;
      if (next == null && end.isBefore(calendar.end())) {
        problems.add(t.file(), 0, "to", "the last period ends " + end + ", before the run ends (" + calendar.end() + ")");
      } else if (next != null && !end.plusDays(1).equals(next)) {
        problems.add(t.file(), 0, "to", "the period " + starts.get(i) + " to " + end + " must end the day before the next starts (" + next + ")");
      }
    }
    int[] periodStart = new int[starts.size()];
    Cell[][][][] cells = new Cell[starts.size()][OFFENCES.length][RECORDS.length][BACKGROUNDS.length];
    for (int p = 0; p < starts.size(); p++) {
      LocalDate from = starts.get(p);
      periodStart[p] = Math.max(0, calendar.dayOf(from));
      for (int o = 0; o < OFFENCES.length; o++) {
        for (int rc = 0; rc < RECORDS.length; rc++) {
          for (int b = 0; b < BACKGROUNDS.length; b++) {
            List<CsvTable.Row> rows = firstPresent(byKey, from, OFFENCES[o], RECORDS[rc], BACKGROUNDS[b]);
            if (rows == null) {
              problems.add(t.file(), 0, "", "period " + from + " has no rows for offence " + OFFENCES[o] + ", record "
                  + RECORDS[rc] + ", background " + BACKGROUNDS[b] + " (give them, or rows with 'any')");
              continue;
            }
            cells[p][o][rc][b] = cell(rows, problems);
          }
        }
      }
    }
    return problems.isEmpty() ? new Sentencing(periodStart, cells) : null;
  }

  private static List<CsvTable.Row> firstPresent(Map<String, List<CsvTable.Row>> byKey, LocalDate from, String o, String r, String b) {
    for (String rr : new String[] {r, "any"}) {
      for (String bb : new String[] {b, "any"}) {
        List<CsvTable.Row> rows = byKey.get(from + "|" + o + "|" + rr + "|" + bb);
        if (rows != null) return rows;
      }
    }
    return null;
  }

  private static Cell cell(List<CsvTable.Row> rows, Problems problems) {
    int n = rows.size();
    double[] cum = new double[n];
    int[] outcome = new int[n], min = new int[n], max = new int[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      CsvTable.Row r = rows.get(i);
      sum += r.number("probability", 0, 1);
      cum[i] = sum;
      outcome[i] = List.of(OUTCOMES).indexOf(r.text("outcome"));
      min[i] = (int) r.number("min_days", 0, 36500);
      max[i] = (int) r.number("max_days", 0, 36500);
    }
    if (Math.abs(sum - 1) > 1e-6) {
      CsvTable.Row r = rows.get(0);
      r.problem("probability", "the outcomes for offence " + r.text("offence") + ", record " + r.text("record")
          + ", background " + r.text("background") + " from " + r.text("from") + " sum to " + sum + "; expected 1");
    }
    cum[n - 1] = 1;
    return new Cell(cum, outcome, min, max);
  }

  Cell cell(int day, int offence, int record, int background) {
    return cellIn(period(day), offence, record, background);
  }

  /** The period in force on the day; callers look it up once per day, not once per sentence. */
  int period(int day) {
    int p = java.util.Arrays.binarySearch(periodStart, day);
    return p < 0 ? Math.max(0, -p - 2) : p;
  }

  Cell cellIn(int period, int offence, int record, int background) {
    return cells[period][offence][record][background];
  }

  /** Draws an outcome; writes the sentence length in days to {@code days[0]}. */
  static int draw(Cell c, RandomStream rng, int[] days) {
    double u = rng.nextDouble();
    int i = 0;
    while (u >= c.cumulative[i] && i < c.cumulative.length - 1) i++;
    int lo = c.minDays[i], hi = c.maxDays[i];
    days[0] = hi > lo ? lo + rng.nextInt(hi - lo + 1) : lo;
    return c.outcome[i];
  }
}
