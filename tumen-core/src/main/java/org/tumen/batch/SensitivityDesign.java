package org.tumen.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Prior;

/**
 * The runs a sensitivity analysis needs: points in the unit cube, one coordinate per factor, mapped onto
 * each factor's calibration prior (uniform, or uniform in log space). Runs that the estimator compares with
 * each other share a seed (common random numbers), so that their difference is the parameters' doing.
 */
public interface SensitivityDesign {
  /** A parameter the analysis varies, over its prior. */
  record Factor(String name, Prior prior) {
    public double value(double unit) {
      return prior.sample(unit);
    }
  }

  List<Factor> factors();

  /** The design points in [0, 1]^k, in run order. */
  List<double[]> points();

  /** Which seed (offset from the base seed) run {@code run} uses. */
  int seedOffset(int run);

  /** The runs as batch tasks; {@code draw} is the run's design point. */
  default List<RunTask> tasks(String scenario, long seed, Map<String, Double> overrides) {
    List<RunTask> tasks = new ArrayList<>();
    List<double[]> points = points();
    for (int r = 0; r < points.size(); r++) {
      Map<String, Double> parameters = new LinkedHashMap<>(overrides);
      for (int i = 0; i < factors().size(); i++) {
        parameters.put(factors().get(i).name(), factors().get(i).value(points.get(r)[i]));
      }
      tasks.add(new RunTask(r, scenario, seed + seedOffset(r), r, parameters));
    }
    return tasks;
  }

  /**
   * The scenario's calibrated parameters (those with a prior), or the named subset of them. A name without
   * a prior is a user mistake: the analysis would not know its range.
   */
  static List<Factor> calibratedFactors(ParameterSet parameters, List<String> names, String origin) {
    List<Factor> out = new ArrayList<>();
    if (names.isEmpty()) {
      for (Parameter p : parameters.calibrated()) out.add(new Factor(p.name(), p.prior()));
      return out;
    }
    org.tumen.scenario.Problems problems = new org.tumen.scenario.Problems();
    for (String n : names) {
      Parameter p = parameters.get(n);
      if (p == null) problems.add(origin, 0, n, "unknown parameter");
      else if (!p.calibrated()) problems.add(origin, 0, n, "has no calibrate prior in the scenario, so no range to vary it over");
      else out.add(new Factor(p.name(), p.prior()));
    }
    problems.throwIfAny();
    return out;
  }
}
