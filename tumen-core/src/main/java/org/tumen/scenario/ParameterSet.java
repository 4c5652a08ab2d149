package org.tumen.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All numbers of a scenario, by name. Immutable; {@link #withOverrides} makes the variant a calibration
 * draw, a sweep point or a dashboard lever asks for.
 */
public final class ParameterSet {
  private final Map<String, Parameter> byName;

  public ParameterSet(List<Parameter> parameters) {
    byName = new LinkedHashMap<>();
    for (Parameter p : parameters) byName.put(p.name(), p);
  }

  public List<Parameter> all() {
    return List.copyOf(byName.values());
  }

  public Parameter get(String name) {
    return byName.get(name);
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  public double value(String name) {
    Parameter p = byName.get(name);
    if (p == null) throw new IllegalArgumentException("no parameter " + name);
    return p.value();
  }

  /** The parameters calibration estimates, in file order. */
  public List<Parameter> calibrated() {
    return byName.values().stream().filter(Parameter::calibrated).toList();
  }

  /** Knots of a yearly series by year, or a single entry at year 0 for a plain parameter; empty if unknown. */
  public List<Parameter> series(String base) {
    List<Parameter> out = new ArrayList<>();
    for (Parameter p : byName.values()) if (p.base().equals(base)) out.add(p);
    out.sort(Comparator.comparingInt(Parameter::year));
    return out;
  }

  /** Every value, sorted by name: what a manifest records. */
  public Map<String, Double> values() {
    Map<String, Double> m = new TreeMap<>();
    for (Parameter p : byName.values()) m.put(p.name(), p.value());
    return m;
  }

  /**
   * The same set with some values replaced. Unknown names and values outside the parameter's unit are
   * user mistakes, reported with the name and what is allowed.
   */
  public ParameterSet withOverrides(Map<String, Double> overrides, String origin) {
    if (overrides.isEmpty()) return this;
    Problems problems = new Problems();
    List<Parameter> out = new ArrayList<>(byName.values());
    for (var e : overrides.entrySet()) {
      Parameter p = byName.get(e.getKey());
      double v = e.getValue() == null ? Double.NaN : e.getValue();
      if (p == null) {
        problems.add(origin, 0, e.getKey(), "unknown parameter" + Suggestions.didYouMean(e.getKey(), byName.keySet(), 3));
      } else if (!Double.isFinite(v) || !p.unit().allows(v)) {
        problems.add(origin, 0, e.getKey(), "value " + v + " is not allowed; a " + p.unit().label + " must be " + p.unit().range());
      } else {
        out.set(out.indexOf(p), p.withValue(v));
      }
    }
    problems.throwIfAny();
    return new ParameterSet(out);
  }
}
