package org.tumen.flee;

import java.util.List;
import org.tumen.engine.Engine;

/** One run of a Flee scenario on the engine: the model, its out.csv and ARD, and the work and time it took. */
public record FleeRun(FleeModel model, FleeOutput output, FleeOutput.Ard ard, long agentSteps, double seconds) {

  public static FleeRun run(FleeScenario scenario, long seed, int threads) {
    long t0 = System.nanoTime();
    FleeModel model = new FleeModel(scenario, seed);
    FleeOutput out = new FleeOutput(model);
    Engine.run(model, threads, List.of(out));
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new FleeRun(model, out, out.ard(), model.agentDays(), seconds);
  }

  public double agentStepsPerSecond() {
    return agentSteps / seconds;
  }
}
