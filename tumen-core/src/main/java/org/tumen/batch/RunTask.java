package org.tumen.batch;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One simulation to run in a batch: which scenario, which random seed, which parameter draw.
 *
 * @param index position in the batch; results come back in this order
 * @param scenario the scenario folder (a path every executor can read)
 * @param seed the run's random seed
 * @param draw which posterior or sweep draw the parameters come from (-1 for the scenario's own values)
 * @param parameters values that override the scenario's, by parameter name
 */
public record RunTask(int index, String scenario, long seed, int draw, Map<String, Double> parameters)
    implements Serializable {
  public RunTask {
    parameters = new TreeMap<>(parameters); // sorted, serializable, and independent of the caller's map
  }
}
