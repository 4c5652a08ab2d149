package org.tumen.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plans the runs of an ensemble: run {@code i} has seed {@code seed + i} (so that any member can be re-run
 * alone with {@code tumen run --seed}), and, when parameter draws are given (posterior draws from a
 * calibration), draw {@code i mod draws}. Without draws every run uses the scenario's own values and the
 * ensemble shows the model's stochastic spread only, not parameter uncertainty.
 */
public final class Ensemble {
  private Ensemble() {}

  /**
   * @param firstIndex the index of the first task (a comparison puts several ensembles in one batch)
   * @param overrides fixed parameter values for every run; they win over a draw's values for the same name
   * @param draws parameter draws, possibly empty
   */
  public static List<RunTask> tasks(String scenario, int runs, long seed, Map<String, Double> overrides,
      List<Map<String, Double>> draws, int firstIndex) {
    if (runs < 1) throw new IllegalArgumentException("runs must be at least 1, got " + runs);
    List<RunTask> tasks = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      Map<String, Double> parameters = new TreeMap<>();
      int draw = -1;
      if (!draws.isEmpty()) {
        draw = i % draws.size();
        parameters.putAll(draws.get(draw));
      }
      parameters.putAll(overrides);
      tasks.add(new RunTask(firstIndex + i, scenario, seed + i, draw, parameters));
    }
    return tasks;
  }
}
