package org.tumen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.Engine;
import org.tumen.engine.EventHandler;
import org.tumen.engine.Model;
import org.tumen.korea.KoreaTally;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Scenario;

/** One run of a scenario: build the model, run it with the standard tallies, return what users read. */
public final class Simulation {
  private Simulation() {}

  /**
   * How to run.
   *
   * @param overrides parameter values replacing the scenario's (calibration draws, sweeps, levers)
   * @param extraHandlers further event handlers, e.g. the Parquet events log; they see each day after the tally
   * @param tally the tally to fill (handlers that read it during the run need it), or null for a new one
   */
  public record Options(long seed, int threads, Map<String, Double> overrides, List<EventHandler> extraHandlers,
      Engine.Progress progress, BooleanSupplier cancelled, KoreaTally tally) {
    public static Options of(long seed, int threads) {
      return new Options(seed, threads, Map.of(), List.of(), null, () -> false, null);
    }

    public Options withOverrides(Map<String, Double> o) {
      return new Options(seed, threads, o, extraHandlers, progress, cancelled, tally);
    }

    public Options withHandlers(List<EventHandler> h) {
      return new Options(seed, threads, overrides, h, progress, cancelled, tally);
    }

    public Options withProgress(Engine.Progress p, BooleanSupplier c) {
      return new Options(seed, threads, overrides, extraHandlers, p, c, tally);
    }

    public Options withTally(KoreaTally t) {
      return new Options(seed, threads, overrides, extraHandlers, progress, cancelled, t);
    }
  }

  /** What a run produced. {@code census} is people per state at the end; it sums to the starting population. */
  public record Result(Scenario scenario, long seed, int threads, ParameterSet parameters, KoreaTally tally,
      long agentDays, long[] census, List<String> states, double wallSeconds) {}

  public static Result run(Scenario scenario, Options o) {
    ParameterSet params = scenario.parameters().withOverrides(o.overrides(), "parameter overrides");
    long t0 = System.nanoTime();
    Model model = scenario.rules().build(scenario, params, o.seed());
    KoreaTally tally = o.tally() != null ? o.tally() : new KoreaTally(collapseSnapshotDays(scenario));
    List<EventHandler> handlers = new ArrayList<>();
    handlers.add(tally);
    handlers.addAll(o.extraHandlers());
    Engine.run(model, o.threads(), handlers, o.progress(), o.cancelled());
    double wall = (System.nanoTime() - t0) / 1e9;
    return new Result(scenario, o.seed(), o.threads(), params, tally, model.agentDays(), model.census(),
        model.vocabulary().states(), wall);
  }

  /** Days after a collapse that planners ask about. */
  public static final int[] COLLAPSE_OFFSETS = {0, 7, 30, 90};

  /** The day before each collapse event, and 7, 30 and 90 days after it (timeline rows of kind "collapse"). */
  public static int[] collapseSnapshotDays(Scenario s) {
    java.util.TreeSet<Integer> days = new java.util.TreeSet<>();
    for (var e : s.timeline()) {
      if (!e.kind().equals("collapse")) continue;
      int d = s.calendar().dayOf(e.start());
      for (int off : COLLAPSE_OFFSETS) days.add(d - 1 + off);
    }
    days.removeIf(d -> d < 0 || d >= s.calendar().days());
    return days.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Runs a batch task: the scenario is loaded once per task (executors may run on other machines). */
  public static RunSummary runTask(RunTask task) {
    Scenario s = Tumen.load(java.nio.file.Path.of(task.scenario()));
    Result r = run(s, Options.of(task.seed(), 1).withOverrides(task.parameters()));
    return summarize(task, r);
  }

  public static RunSummary summarize(RunTask task, Result r) {
    return new RunSummary(task.index(), task.scenario(), task.seed(), task.draw(), task.parameters(),
        r.tally().firstYear(), r.tally().yearly(), r.wallSeconds(), r.agentDays());
  }
}
