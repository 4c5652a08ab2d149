package org.tumen.flee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tumen.engine.Engine;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;

class FleeModelTest {
  private static final FleeScenario MALI = FleeImporter.read(SuiteData.conflict("mali2012"), null);

  @Test
  void sameSeedGivesByteIdenticalOutCsvAtOneAndTwoThreads() {
    String one = FleeRun.run(MALI, 7, 1).output().csv();
    String two = FleeRun.run(MALI, 7, 2).output().csv();
    assertThat(two).isEqualTo(one);
    assertThat(FleeRun.run(MALI, 8, 2).output().csv()).isNotEqualTo(one);
  }

  @Test
  void determinismHoldsWithClosuresCampClosuresAndMergedSeries() {
    FleeScenario burundi = FleeImporter.read(SuiteData.conflict("burundi2015"), null);
    assertThat(FleeRun.run(burundi, 3, 2).output().csv()).isEqualTo(FleeRun.run(burundi, 3, 1).output().csv());
  }

  @Test
  void peopleAreConservedEveryDay() {
    FleeModel model = new FleeModel(MALI, 11);
    long total = sum(model.census());
    List<Long> totals = new ArrayList<>();
    long[] seen = new long[3];
    EventHandler check = new EventHandler() {
      @Override
      public void handleDay(int day, EventBuffer events) {
        totals.add(sum(model.census()));
        for (long n : model.census()) assertThat(n).isNotNegative();
        for (int i = 0; i < events.size(); i++) {
          seen[events.from(i)] -= events.count(i);
          seen[events.to(i)] += events.count(i);
        }
        // The event stream, replayed, gives the same census as the model.
        long[] census = model.census();
        assertThat(seen[FleeModel.AT_LOCATION]).isEqualTo(census[FleeModel.AT_LOCATION]);
        assertThat(seen[FleeModel.TRAVELLING]).isEqualTo(census[FleeModel.TRAVELLING]);
      }
    };
    Engine.run(model, 2, List.of(check));
    assertThat(totals).hasSize(300).containsOnly(total);
    // Every person the registrations call for has been placed (Flee's final agent count for Mali 2012).
    assertThat(model.agents()).isEqualTo(89_991);
    assertThat(model.census()[FleeModel.NOT_DISPLACED]).isZero();
    assertThat(model.agentDays()).isEqualTo(19_769_519L);
  }

  @Test
  void outCsvHasFleesLayout() {
    String csv = FleeRun.run(MALI, 1, 2).output().csv();
    String[] lines = csv.split("\n");
    assertThat(lines).hasSize(301);
    assertThat(lines[0]).startsWith("Day,Date,Fassala-Mbera sim,Fassala-Mbera data,Fassala-Mbera error,Mentao sim,")
        .endsWith("Total error,refugees in camps (UNHCR),total refugees (simulation),raw UNHCR refugee count,"
            + "refugees in camps (simulation),refugee_debt");
    assertThat(lines[1]).startsWith("0,2012-02-29,");
    assertThat(lines[1].split(",")).hasSize(2 + 3 * 7 + 6);
  }

  private static long sum(long[] a) {
    long s = 0;
    for (long x : a) s += x;
    return s;
  }
}
