package org.tumen.spark;

import java.util.Map;
import java.util.TreeMap;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.RandomStream;

/**
 * A cheap deterministic stand-in for a simulation (a few milliseconds a run): people cross, hide, are
 * arrested or arrive, with random streams keyed by (seed, year, person) as the real engine's are.
 */
final class PseudoModel {
  private PseudoModel() {}

  static RunSummary run(RunTask task) {
    double arrest = task.parameters().getOrDefault("arrest_rate", 0.2);
    int years = 41;
    double[] crossed = new double[years];
    double[] arrested = new double[years];
    double[] arrived = new double[years];
    double[] hiding = new double[years];
    RandomStream r = new RandomStream();
    long agentDays = 0;
    int stock = 0;
    for (int y = 0; y < years; y++) {
      int people = 1000 + 20 * y;
      for (int p = 0; p < people; p++) {
        r.reset(task.seed(), y, p, task.draw());
        if (!r.bernoulli(0.3)) continue;
        crossed[y]++;
        double u = r.nextDouble();
        if (u < arrest) arrested[y]++;
        else if (u < arrest + 0.1) arrived[y]++;
        else stock++;
        agentDays += 1 + r.nextInt(365);
      }
      stock -= (int) (stock * 0.05);
      hiding[y] = stock;
    }
    Map<String, double[]> yearly = new TreeMap<>();
    yearly.put("crossed", crossed);
    yearly.put("arrested_in_china", arrested);
    yearly.put("arrived_south_korea", arrived);
    yearly.put("hiding_in_china", hiding);
    return new RunSummary(task.index(), task.scenario(), task.seed(), task.draw(), task.parameters(), 1990, yearly,
        0, agentDays);
  }
}
