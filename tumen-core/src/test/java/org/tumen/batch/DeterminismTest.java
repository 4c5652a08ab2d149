package org.tumen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.testing.ShortScenario;

class DeterminismTest {
  @TempDir Path tmp;

  @Test
  void anEnsembleGivesTheSameSummariesAndBandsOnOneOrTwoThreads() throws Exception {
    Path s = ShortScenario.create(tmp, "short", 1992, null);
    List<RunTask> tasks = Ensemble.tasks(s.toString(), 4, 123, Map.of("unhcr.access_probability", 0.5), List.of(), 0);
    List<RunSummary> one, two;
    try (LocalExecutor e = new LocalExecutor(1)) {
      one = e.execute(tasks, Simulation::runTask, null);
    }
    try (LocalExecutor e = new LocalExecutor(2)) {
      two = e.execute(tasks, Simulation::runTask, null);
    }
    for (int i = 0; i < 4; i++) assertThat(two.get(i).sameResults(one.get(i))).as("run %d", i).isTrue();
    assertThat(Bands.of(two)).isEqualTo(Bands.of(one));
    assertThat(one.get(0).sameResults(one.get(1))).isFalse(); // different seeds, different runs
  }
}
