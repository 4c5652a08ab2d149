package org.tumen.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.ParameterSpec;
import org.tumen.scenario.Problems;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.Suggestions;
import org.tumen.scenario.TimelineEvent;
import org.tumen.scenario.Unit;

/**
 * A lever that takes effect on a date ("UNHCR review from 2026"): the user's own timeline row, which sets the
 * parameter to {@code value} from {@code from} (a year, meaning its 1 January, or a date) to the end of the
 * run, as scenarios/korea-unhcr's row does. A lever without a date is an override of the scenario's value.
 *
 * @param parameter a parameter of the rule set, e.g. {@code unhcr.access_probability} (a yearly series is set
 *     as a whole, so no {@code @year})
 */
record DatedLever(String parameter, String from, Double value) {
  static final int MAX_PER_VARIANT = 50;

  /** The scenario with the levers added to its timeline; every mistake is reported with the lever it is in. */
  static Scenario apply(Scenario s, List<DatedLever> levers, String origin) {
    if (levers == null || levers.isEmpty()) return s;
    if (levers.size() > MAX_PER_VARIANT) {
      throw ApiException.badRequest(origin + ": at most " + MAX_PER_VARIANT + " dated levers, got " + levers.size());
    }
    Map<String, Unit> units = new TreeMap<>();
    for (ParameterSpec p : s.rules().parameters()) units.put(p.name(), p.unit());
    Set<String> names = units.keySet();
    Problems problems = new Problems();
    List<TimelineEvent> events = new ArrayList<>();
    for (int i = 0; i < levers.size(); i++) {
      DatedLever l = levers.get(i);
      String key = "dated[" + i + "]" + (l == null || l.parameter() == null ? "" : " " + l.parameter());
      if (l == null || l.parameter() == null || l.parameter().isBlank()) {
        problems.add(origin, 0, key, "a dated lever needs a parameter");
        continue;
      }
      if (!names.contains(l.parameter())) {
        String hint = l.parameter().contains("@") ? " (a dated lever sets a whole yearly series: name it without @year)"
            : Suggestions.didYouMean(l.parameter(), names, 3);
        problems.add(origin, 0, key, "unknown parameter" + hint);
        continue;
      }
      LocalDate date = date(l.from());
      if (date == null) {
        problems.add(origin, 0, key, "'from' must be a year (2026) or a date (2026-01-01), got '" + l.from() + "'");
        continue;
      }
      if (date.isBefore(s.calendar().start()) || date.isAfter(s.calendar().end())) {
        problems.add(origin, 0, key, "'from' " + date + " is outside the run (" + s.calendar().start() + " to "
            + s.calendar().end() + ")");
        continue;
      }
      Unit unit = units.get(l.parameter());
      double v = l.value() == null ? Double.NaN : l.value();
      if (!Double.isFinite(v) || !unit.allows(v)) {
        problems.add(origin, 0, key, "value " + v + " is not allowed; a " + unit.label + " must be " + unit.range());
        continue;
      }
      events.add(new TimelineEvent(0, date, null, "lever set by the user: " + l.parameter() + " = " + v + " from " + date,
          "lever", l.parameter(), TimelineEvent.Effect.SET, v, null, "the user's experiment"));
    }
    try {
      problems.throwIfAny();
    } catch (InvalidInputException e) {
      throw ApiException.of(e);
    }
    return s.withAddedEvents(events);
  }

  /** {@code 2026} is 1 January 2026; {@code 2026-03-01} a day; anything else null. */
  static LocalDate date(String from) {
    if (from == null) return null;
    String t = from.strip();
    try {
      return t.matches("\\d{4}") ? LocalDate.of(Integer.parseInt(t), 1, 1) : LocalDate.parse(t);
    } catch (java.time.DateTimeException e) { // also a DateTimeParseException
      return null;
    }
  }
}
