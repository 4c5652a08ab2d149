package org.tumen.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tumen.engine.PlaceGraph;
import org.tumen.engine.SimCalendar;

/**
 * A loaded and checked scenario: immutable, built once, run many times (with parameter overrides).
 *
 * @param contentHash SHA-256 of every file the scenario is made of, so a run records exactly what it ran
 * @param placeAttributes per place (by index): the places.csv columns beyond the generic ones
 * @param routeModes per route (by id, in routes.csv order): the travel mode
 * @param tables the rule set's own tables, by key
 * @param observed observed series files for comparison and calibration, by key (paths resolved)
 * @param posterior calibrated parameter samples (the {@code posterior:} file), or null when not calibrated
 */
public record Scenario(Path dir, String name, String description, RuleSet rules, SimCalendar calendar, long seed,
    PlaceGraph places, List<Map<String, String>> placeAttributes, List<String> routeModes, ParameterSet parameters,
    List<TimelineEvent> timeline, Map<String, CsvTable> tables, Map<String, Path> observed, Posterior posterior, String contentHash) {

  public CsvTable table(String key) {
    CsvTable t = tables.get(key);
    if (t == null) throw new IllegalArgumentException("no table " + key);
    return t;
  }

  /**
   * The same scenario ending at {@code end} (if earlier than its own end). The models are causal, so a run of
   * it reproduces the years up to {@code end} of a full run with the same seed; calibration uses this to stop
   * runs where its data stop.
   */
  public Scenario until(java.time.LocalDate end) {
    if (!end.isBefore(calendar.end())) return this;
    return new Scenario(dir, name, description, rules, new SimCalendar(calendar.start(), end), seed, places, placeAttributes,
        routeModes, parameters, timeline, tables, observed, posterior, contentHash);
  }

  /** The same scenario with further timeline events (a user's dated levers), after its own. */
  public Scenario withAddedEvents(List<TimelineEvent> events) {
    if (events.isEmpty()) return this;
    List<TimelineEvent> all = new java.util.ArrayList<>(timeline);
    all.addAll(events);
    return new Scenario(dir, name, description, rules, calendar, seed, places, placeAttributes, routeModes, parameters,
        List.copyOf(all), tables, observed, posterior, contentHash);
  }

  public Scenario withParameters(ParameterSet p) {
    return new Scenario(dir, name, description, rules, calendar, seed, places, placeAttributes, routeModes, p,
        timeline, tables, observed, posterior, contentHash);
  }
}
