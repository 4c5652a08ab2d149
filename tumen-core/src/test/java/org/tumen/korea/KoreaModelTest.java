package org.tumen.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  /** The model's own sizes, which some tests shrink. */
  static final int CHUNK = KoreaModel.chunkSize, TASK = KoreaModel.taskSize, CROSS_TASK = KoreaModel.crossTask,
      PARALLEL_MIN = KoreaModel.parallelMin;

  @AfterEach
  void restoreChunks() {
    KoreaModel.chunkSize = CHUNK;
    KoreaModel.taskSize = TASK;
    KoreaModel.crossTask = CROSS_TASK;
    KoreaModel.parallelMin = PARALLEL_MIN;
  }

  /** Camps that fill and empty within days, many turned back who cross again the same day. */
  static final Map<String, Double> CAMPS = Map.of("crossing.camp_capacity", 300.0,
      "crossing.china_turn_back_probability", 0.3, "crossing.recross_rate", 400.0, "camps.exit_rate", 150.0);

  /** What a run's events show about its crossing phases. */
  static final class CrossingStats implements EventHandler {
    long campEntries, hiddenWhileCampsFull, secondCrossings;

    @Override
    public void handleDay(int day, EventBuffer ev) {
      boolean campTaken = false;
      java.util.Set<Integer> crossed = new java.util.HashSet<>();
      for (int i = 0; i < ev.size(); i++) {
        int cause = ev.cause(i);
        if (cause == KCause.ENTERED_CAMP) {
          campEntries++;
          campTaken = true;
        }
        // A crosser who hides after someone took a camp place today met full camps.
        if (cause == KCause.CROSSED && campTaken) hiddenWhileCampsFull++;
        boolean crossing = cause == KCause.CROSSED || cause == KCause.ENTERED_CAMP || cause == KCause.TURNED_BACK
            || cause == KCause.CAPTURED_AT_BORDER || cause == KCause.DIED_CROSSING;
        if (crossing && !crossed.add(ev.agent(i))) secondCrossings++;
      }
    }
  }

  @Test
  void crossingsInParallelGiveTheSameEventsWhenCampsFillAndPeopleCrossTwiceADay() {
    // Tiny tasks and no minimum, so that every phase is split and shared; camps that fill make crossers
    // go one by one until they are full, then in parallel segments.
    KoreaModel.chunkSize = 32;
    KoreaModel.taskSize = 8;
    KoreaModel.crossTask = 4;
    KoreaModel.parallelMin = 0;
    var s = korea.until(java.time.LocalDate.of(2001, 12, 31));
    EventDigest one = new EventDigest(), two = new EventDigest(), three = new EventDigest();
    CrossingStats stats = new CrossingStats();
    Simulation.run(s, Simulation.Options.of(11, 1).withOverrides(CAMPS).withHandlers(List.of(one, stats)));
    Simulation.run(s, Simulation.Options.of(11, 2).withOverrides(CAMPS).withHandlers(List.of(two)));
    Simulation.run(s, Simulation.Options.of(11, 3).withOverrides(CAMPS).withHandlers(List.of(three)));
    assertThat(one.events).isGreaterThan(100_000);
    assertThat(stats.campEntries).isGreaterThan(1_000);
    assertThat(stats.hiddenWhileCampsFull).isGreaterThan(1_000);
    assertThat(stats.secondCrossings).isGreaterThan(1_000);
    assertThat(two.hex()).isEqualTo(one.hex());
    assertThat(three.hex()).isEqualTo(one.hex());
  }

  /**
   * The event logs of a camp-heavy run and of a collapse, pinned. Task sizes and threads never change
   * them (see above); a change of the model's rules does, and then these are regenerated on purpose.
   */
  @Test
  void theEventLogsOfACampHeavyRunAndOfACollapseArePinned() {
    EventDigest camps = new EventDigest(), collapse = new EventDigest();
    Simulation.run(korea.until(java.time.LocalDate.of(2003, 12, 31)),
        Simulation.Options.of(12, 2).withOverrides(CAMPS).withHandlers(List.of(camps)));
    var c = Tumen.load(Path.of("../scenarios/korea-collapse"));
    Simulation.run(c.until(java.time.LocalDate.of(2026, 9, 30)),
        Simulation.Options.of(5, 2).withOverrides(Map.of("effects.collapse_push", 30.0,
            "effects.collapse_camp_places", 2000.0)).withHandlers(List.of(collapse)));
    assertThat(camps.hex()).isEqualTo("5c8ec7b51a431dd1e376fd9a852f91b119ef9d48bd34aadd6abd0407fdef2779");
    assertThat(collapse.hex()).isEqualTo("42ff19c0d0790ce88cb2fd37673be5f53f0b4911900d3693abda177e62722ff6");
  }

  /** Property: how finely a day is split into tasks, and on how many threads, never changes the events. */
  @Test
  void taskSizesAndThreadsNeverChangeTheEvents() {
    var s = korea.until(java.time.LocalDate.of(1998, 12, 31));
    KoreaModel.chunkSize = 64;
    EventDigest reference = new EventDigest();
    Simulation.run(s, Simulation.Options.of(3, 1).withOverrides(CAMPS).withHandlers(List.of(reference)));
    String expected = reference.hex();
    org.quicktheories.QuickTheory.qt().withExamples(8).withShrinkCycles(0)
        .forAll(org.quicktheories.generators.SourceDSL.integers().between(0, 6),
            org.quicktheories.generators.SourceDSL.integers().between(0, 8),
            org.quicktheories.generators.SourceDSL.integers().between(0, 12),
            org.quicktheories.generators.SourceDSL.integers().between(1, 3))
        .checkAssert((taskLog, crossLog, minLog, threads) -> {
          KoreaModel.taskSize = 1 << taskLog; // divides the chunk size, or is ignored when it does not
          KoreaModel.crossTask = 1 << crossLog;
          KoreaModel.parallelMin = minLog == 0 ? 0 : 1 << minLog;
          EventDigest d = new EventDigest();
          Simulation.run(s, Simulation.Options.of(3, threads).withOverrides(CAMPS).withHandlers(List.of(d)));
          assertThat(d.hex()).as("tasks of %d, segments of %d, parallel from %d, %d threads", KoreaModel.taskSize,
              KoreaModel.crossTask, KoreaModel.parallelMin, threads).isEqualTo(expected);
        });
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

  /** Agent records keep days in 16 bits: a run of the longest period they allow goes on to its last day. */
  @Test
  void aRunOfTheLongestPeriodGoesOnToItsLastDay(@TempDir Path tmp) throws java.io.IOException {
    java.time.LocalDate end = java.time.LocalDate.of(1990, 1, 1).plusDays(KoreaModel.MAX_DAYS - 1);
    Path flagship = Path.of("../scenarios/korea").toAbsolutePath().normalize();
    Path dir = tmp.toAbsolutePath().resolve("long");
    java.nio.file.Files.createDirectories(dir);
    // The last sentencing period is carried on to the end.
    String sentencing = java.nio.file.Files.readString(flagship.resolve("sentencing.csv"));
    java.nio.file.Files.writeString(dir.resolve("sentencing.csv"), sentencing.replace("2030-12-31", end.toString()));
    java.nio.file.Files.writeString(dir.resolve("scenario.yaml"), "name: long\nbase: " + dir.relativize(flagship)
        + "\nperiod:\n  start: 1990-01-01\n  end: " + end + "\ntables:\n  sentencing: sentencing.csv\n");
    Scenario s = Tumen.load(dir);
    int days = s.calendar().days();
    assertThat(days).isEqualTo(KoreaModel.MAX_DAYS);
    // Events in the last year of people seen before it: they were scheduled for days far past 2^15.
    java.util.BitSet seenBefore = new java.util.BitSet();
    long[] lastYear = new long[2];
    EventHandler h = new EventHandler() {
      @Override
      public void handleDay(int day, EventBuffer ev) {
        for (int i = 0; i < ev.size(); i++) {
          if (ev.agent(i) < 0) continue;
          if (day < days - 365) seenBefore.set(ev.agent(i));
          else if (seenBefore.get(ev.agent(i))) lastYear[0]++;
        }
        if (day == days - 1) lastYear[1] = ev.size();
      }
    };
    Simulation.run(s, Simulation.Options.of(3, 2).withHandlers(List.of(h)));
    assertThat(lastYear[0]).as("events in the last year of people seen before it").isGreaterThan(1000);
    assertThat(lastYear[1]).as("events on the last day").isPositive();
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
