package org.tumen.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.engine.Engine;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.Model;
import org.tumen.scenario.Scenario;

class KoreaModelTest {
  static Scenario korea;

  @BeforeAll
  static void load() {
    korea = Tumen.load(Path.of("../scenarios/korea"));
  }

  @AfterEach
  void restoreChunks() {
    KoreaModel.chunkSize = 4096;
  }

  @Test
  void sameSeedGivesTheSameEventsAtAnyThreadCount() {
    // Small chunks so that many days are split across workers.
    KoreaModel.chunkSize = 32;
    EventDigest one = new EventDigest(), two = new EventDigest(), three = new EventDigest();
    var r1 = Simulation.run(korea, Simulation.Options.of(7, 1).withHandlers(List.of(one)));
    var r2 = Simulation.run(korea, Simulation.Options.of(7, 2).withHandlers(List.of(two)));
    var r3 = Simulation.run(korea, Simulation.Options.of(7, 3).withHandlers(List.of(three)));
    assertThat(one.events).isGreaterThan(100_000);
    assertThat(two.hex()).isEqualTo(one.hex());
    assertThat(three.hex()).isEqualTo(one.hex());
    assertThat(r2.tally().yearly().get("arrived_south_korea")).containsExactly(r1.tally().yearly().get("arrived_south_korea"));
  }

  /** Calibration stops runs at the end of its data; that must not change the years it reads. */
  @Test
  void aRunStoppedEarlyReproducesTheYearsItCovers() {
    var full = Simulation.run(korea, Simulation.Options.of(5, 2));
    var cut = Simulation.run(korea.until(java.time.LocalDate.of(2012, 12, 31)), Simulation.Options.of(5, 2));
    assertThat(cut.tally().yearly()).isNotEmpty();
    for (var e : cut.tally().yearly().entrySet()) {
      double[] f = full.tally().yearly().get(e.getKey());
      assertThat(e.getValue()).as(e.getKey()).hasSize(2012 - 1990 + 1);
      assertThat(e.getValue()).as(e.getKey()).containsExactly(java.util.Arrays.copyOf(f, e.getValue().length));
    }
  }

  @Test
  void differentSeedsGiveDifferentRuns() {
    EventDigest a = new EventDigest(), b = new EventDigest();
    Simulation.run(korea, Simulation.Options.of(1, 1).withHandlers(List.of(a)));
    Simulation.run(korea, Simulation.Options.of(2, 1).withHandlers(List.of(b)));
    assertThat(a.hex()).isNotEqualTo(b.hex());
  }

  /** Everyone is in exactly one state on every day, and the events explain every change of the census. */
  @Test
  void peopleAreConservedEveryDay() {
    Model model = korea.rules().build(korea, korea.parameters(), 11);
    long initial = ((KoreaModel) model).initialPeople();
    long[] expected = model.census();
    EventHandler check = new EventHandler() {
      @Override
      public void handleDay(int day, EventBuffer ev) {
        for (int i = 0; i < ev.size(); i++) {
          expected[ev.from(i)] -= ev.count(i);
          expected[ev.to(i)] += ev.count(i);
        }
        if (day % 97 == 0 || day == model.calendar().days() - 1) {
          long[] census = model.census();
          assertThat(census).as("census on day %d matches the events", day).containsExactly(expected);
          assertThat(java.util.Arrays.stream(census).sum()).isEqualTo(initial);
          assertThat(java.util.Arrays.stream(census).min().getAsLong()).isNotNegative();
        }
      }
    };
    Engine.run(model, 2, List.of(check));
    assertThat(((KoreaModel) model).agents()).isGreaterThan(10_000);
  }

  @Test
  void flagshipProducesEveryOutcomeTheSeedNames() {
    var r = Simulation.run(korea, Simulation.Options.of(3, 2));
    Map<String, double[]> y = r.tally().yearly();
    for (String s : List.of("crossed", "captured_at_border", "arrived_south_korea", "arrested_in_china", "bribe_releases",
        "repatriated", "broker_departures", "mission_entries", "sentenced_release", "sentenced_labour_training",
        "sentenced_kyohwaso", "sentenced_kwanliso", "executed", "died")) {
      assertThat(java.util.Arrays.stream(y.get(s)).sum()).as(s).isPositive();
    }
    // UNHCR review is off in history.
    assertThat(java.util.Arrays.stream(y.get("unhcr_resettled")).sum()).isZero();
  }
}
