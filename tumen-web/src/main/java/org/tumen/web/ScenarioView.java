package org.tumen.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tumen.engine.PlaceGraph;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.TimelineEvent;

/** A scenario as the Scenario page shows it: its levers with their sources, its timeline, its map. */
record ScenarioView(String name, String description, String start, String end, long seed, List<Lever> levers,
    List<Event> timeline, Map map) {

  /**
   * One parameter as a form control.
   *
   * @param group the part of the name before the first dot ("crossing", "hiding", ...), for grouping
   * @param min lowest allowed value (the prior's when calibrated, else the unit's)
   * @param max highest allowed value, or null when unbounded
   */
  record Lever(String name, String group, String unit, double value, Double min, Double max, boolean calibrated,
      Double priorMin, Double priorMax, boolean priorLog, String source, String file, int line) {}

  record Event(String start, String end, String event, String kind, String parameter, String effect, Double value,
      String valueRef, String source) {}

  record Place(String name, String kind, String country, double lat, double lon) {}

  record Route(String from, String to, double km, String mode) {}

  record Map(List<Place> places, List<Route> routes) {}

  record Summary(String name, String description, String start, String end, int levers, int events, int places,
      String error) {}

  static ScenarioView of(String name, Scenario s) {
    List<Lever> levers = new ArrayList<>();
    for (Parameter p : s.parameters().all()) {
      String group = p.name().contains(".") ? p.name().substring(0, p.name().indexOf('.')) : "other";
      Double max = Double.isInfinite(p.unit().max) ? null : p.unit().max;
      levers.add(new Lever(p.name(), group, p.unit().label, p.value(), p.unit().min, max, p.calibrated(),
          p.prior() == null ? null : p.prior().min(), p.prior() == null ? null : p.prior().max(),
          p.prior() != null && p.prior().log(), p.source(), p.file(), p.line()));
    }
    List<Event> timeline = new ArrayList<>();
    for (TimelineEvent e : s.timeline()) {
      timeline.add(new Event(e.start().toString(), e.end() == null ? null : e.end().toString(), e.event(), e.kind(),
          e.parameter(), e.effect() == null ? null : e.effect().name().toLowerCase(java.util.Locale.ROOT),
          e.hasEffect() && e.valueRef() == null ? e.value() : null, e.valueRef(), e.source()));
    }
    return new ScenarioView(name, s.description(), s.calendar().start().toString(), s.calendar().end().toString(),
        s.seed(), levers, timeline, map(s));
  }

  static Summary summary(String name, Scenario s) {
    return new Summary(name, s.description(), s.calendar().start().toString(), s.calendar().end().toString(),
        s.parameters().all().size(), s.timeline().size(), s.places().size(), null);
  }

  static Map map(Scenario s) {
    PlaceGraph g = s.places();
    List<Place> places = new ArrayList<>();
    for (PlaceGraph.Place p : g.places()) places.add(new Place(p.name(), p.kind(), p.country(), p.latitude(), p.longitude()));
    List<Route> routes = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int p = 0; p < g.size(); p++) {
      for (int slot = g.firstEdge(p); slot < g.endEdge(p); slot++) {
        int id = g.edgeId(slot);
        if (!seen.add(id)) continue;
        String mode = id < s.routeModes().size() ? s.routeModes().get(id) : "";
        routes.add(new Route(g.place(p).name(), g.place(g.target(slot)).name(), g.distance(slot), mode));
      }
    }
    return new Map(places, routes);
  }
}
