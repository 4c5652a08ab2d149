package org.tumen.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.tumen.Simulation;
import org.tumen.batch.RunSummary;
import org.tumen.engine.Engine;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.scenario.Scenario;

/**
 * One simulation as the dashboard runs it: the standard tallies plus route flows and outcome paths, all
 * returned as yearly series of one {@link RunSummary}, so that the results store keeps everything the
 * pages draw.
 */
final class MemberRun {
  private MemberRun() {}

  /**
   * @param label what the summary's scenario column says: the scenario's name, or the variant's label in a
   *     comparison (so that the store keeps the variants apart)
   */
  static RunSummary run(Scenario scenario, String label, int index, long seed, Map<String, Double> overrides,
      int threads, Engine.Progress progress, BooleanSupplier cancelled) {
    return run(scenario, label, index, seed, overrides, threads, progress, cancelled, new AgentCap(Long.MAX_VALUE));
  }

  /** As above, stopping the run (as if cancelled) within a simulated day of {@code cap} being exceeded. */
  static RunSummary run(Scenario scenario, String label, int index, long seed, Map<String, Double> overrides,
      int threads, Engine.Progress progress, BooleanSupplier cancelled, AgentCap cap) {
    RouteFlows flows = new RouteFlows(scenario.places());
    OutcomePaths paths = new OutcomePaths();
    Simulation.Options o = Simulation.Options.of(seed, threads).withOverrides(overrides)
        .withHandlers(List.of(flows, paths, cap)).withProgress(progress, () -> cap.exceeded() || cancelled.getAsBoolean());
    Simulation.Result r = Simulation.run(scenario, o);
    Map<String, double[]> yearly = new TreeMap<>(r.tally().yearly());
    for (var e : r.tally().yearlyByPlace().entrySet()) yearly.put("in:" + e.getKey(), e.getValue());
    yearly.putAll(flows.yearly());
    yearly.putAll(paths.yearly());
    return new RunSummary(index, label, seed, -1, overrides, r.tally().firstYear(), yearly, r.wallSeconds(),
        r.agentDays());
  }

  /**
   * A server's limit on individual agents per run (memory grows with them): levers can raise crossing rates
   * without bound. Agents are numbered from 0 as they are created, so the largest number seen counts them.
   */
  static class AgentCap implements EventHandler {
    final long cap;
    private volatile long agents;

    AgentCap(long cap) {
      this.cap = cap;
    }

    @Override
    public void handleDay(int day, EventBuffer events) {
      long most = agents;
      for (int i = 0; i < events.size(); i++) most = Math.max(most, events.agent(i) + 1L);
      agents = most;
    }

    boolean exceeded() {
      return agents > cap;
    }
  }
}
