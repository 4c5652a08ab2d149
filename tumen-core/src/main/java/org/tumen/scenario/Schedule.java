package org.tumen.scenario;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.tumen.engine.SimCalendar;

/**
 * Parameter values over time, as piecewise-constant epochs. An epoch starts on every 1 January (yearly
 * series and the model's own yearly feedbacks change then) and on every day a timeline effect starts or
 * ends. Within an epoch every hazard is constant, which is what lets the engine draw waiting times
 * exactly instead of testing people every day.
 */
public final class Schedule {
  private final int[] epochStart;
  private final double[][] values; // [epoch][parameter]
  private final String[] names;

  private Schedule(int[] epochStart, double[][] values, String[] names) {
    this.epochStart = epochStart;
    this.values = values;
    this.names = names;
  }

  /**
   * Compiles the values of the named parameters (plain or yearly knots) under the timeline's effects.
   *
   * @param names the rule set's parameters, in the order it will ask for them by index
   */
  public static Schedule compile(SimCalendar calendar, ParameterSet parameters, List<TimelineEvent> timeline,
      List<String> names) {
    TreeSet<Integer> starts = new TreeSet<>();
    starts.add(0);
    int days = calendar.days();
    for (int y = calendar.start().getYear() + 1; y <= calendar.end().getYear(); y++) {
      starts.add(calendar.dayOf(LocalDate.of(y, 1, 1)));
    }
    for (TimelineEvent e : timeline) {
      if (!e.hasEffect()) continue;
      int s = calendar.dayOf(e.start());
      if (s > 0 && s < days) starts.add(s);
      if (e.end() != null) {
        int t = calendar.dayOf(e.end()) + 1;
        if (t > 0 && t < days) starts.add(t);
      }
    }
    int[] epochStart = starts.stream().mapToInt(Integer::intValue).toArray();
    double[][] values = new double[epochStart.length][names.size()];
    for (int e = 0; e < epochStart.length; e++) {
      LocalDate date = calendar.date(epochStart[e]);
      for (int i = 0; i < names.size(); i++) {
        values[e][i] = valueOn(names.get(i), date, parameters, timeline);
      }
    }
    return new Schedule(epochStart, values, names.toArray(String[]::new));
  }

  /** The parameter's value on a date: its yearly series or plain value, then the active timeline effects. */
  public static double valueOn(String name, LocalDate date, ParameterSet parameters, List<TimelineEvent> timeline) {
    double v = baseValue(name, date.getYear(), parameters);
    TimelineEvent set = null;
    double factor = 1;
    for (TimelineEvent e : timeline) {
      if (!e.hasEffect() || !e.parameter().equals(name) || !e.activeOn(date)) continue;
      double x = e.valueRef() != null ? parameters.value(e.valueRef()) : e.value();
      if (e.effect() == TimelineEvent.Effect.MULTIPLY) {
        factor *= x;
      } else if (set == null || !e.start().isBefore(set.start())) {
        set = e;
      }
    }
    if (set != null) v = set.valueRef() != null ? parameters.value(set.valueRef()) : set.value();
    return v * factor;
  }

  /** Linear between knots by year, flat beyond the first and last. */
  static double baseValue(String name, int year, ParameterSet parameters) {
    List<Parameter> knots = parameters.series(name);
    if (knots.isEmpty()) throw new IllegalArgumentException("no parameter " + name);
    if (knots.size() == 1) return knots.get(0).value();
    Parameter first = knots.get(0), last = knots.get(knots.size() - 1);
    if (year <= first.year()) return first.value();
    if (year >= last.year()) return last.value();
    for (int k = 1; k < knots.size(); k++) {
      Parameter a = knots.get(k - 1), b = knots.get(k);
      if (year <= b.year()) {
        double w = (double) (year - a.year()) / (b.year() - a.year());
        return a.value() + w * (b.value() - a.value());
      }
    }
    return last.value();
  }

  public int epochs() {
    return epochStart.length;
  }

  public int epochStart(int epoch) {
    return epochStart[epoch];
  }

  /** First day after the epoch, or Integer.MAX_VALUE for the last one. */
  public int epochEnd(int epoch) {
    return epoch + 1 < epochStart.length ? epochStart[epoch + 1] : Integer.MAX_VALUE;
  }

  public int epochOf(int day) {
    int i = Arrays.binarySearch(epochStart, day);
    return i >= 0 ? i : -i - 2;
  }

  public double value(int epoch, int parameter) {
    return values[epoch][parameter];
  }

  /** All parameter values of an epoch, by parameter index; callers must not modify it. */
  public double[] row(int epoch) {
    return values[epoch];
  }

  public String name(int parameter) {
    return names[parameter];
  }

  /** True when any of the given parameters has a different value in epoch {@code b} than in {@code a}. */
  public boolean differs(int a, int b, int[] parameters) {
    for (int p : parameters) if (values[a][p] != values[b][p]) return true;
    return false;
  }
}
