package org.tumen.batch;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a batch keeps of one run: yearly series by name (arrivals, hiding, repatriations, ...), indexed
 * from {@code firstYear}. Small and serializable, so that it can travel back from a cluster.
 */
public record RunSummary(int index, String scenario, long seed, int draw, Map<String, Double> parameters,
    int firstYear, Map<String, double[]> yearly, double wallSeconds, long agentDays) implements Serializable {
  public RunSummary {
    parameters = new TreeMap<>(parameters);
    yearly = new TreeMap<>(yearly);
  }

  public double[] series(String name) {
    double[] s = yearly.get(name);
    if (s == null) throw new IllegalArgumentException("no series " + name + "; have " + yearly.keySet());
    return s;
  }

  public double value(String name, int year) {
    return series(name)[year - firstYear];
  }

  /** Same results, ignoring wall time: what "identical at any thread count / on any executor" means. */
  public boolean sameResults(RunSummary o) {
    if (index != o.index || seed != o.seed || draw != o.draw || firstYear != o.firstYear) return false;
    if (!scenario.equals(o.scenario) || !parameters.equals(o.parameters) || agentDays != o.agentDays) return false;
    if (!yearly.keySet().equals(o.yearly.keySet())) return false;
    for (var e : yearly.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), o.yearly.get(e.getKey()))) return false;
    }
    return true;
  }
}
