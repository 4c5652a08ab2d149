package org.tumen.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.scenario.Scenario;

/**
 * Each rule the seed describes moves outcomes the right way and by a plausible amount. Runs are paired
 * (same seeds: common random numbers) on a shortened flagship, 1998-2011, and summed over a few seeds.
 */
class MechanismTest {
  static final Path FLAGSHIP = Path.of("../scenarios/korea").toAbsolutePath().normalize();
  static final long[] SEEDS = {1, 2, 3};

  @TempDir
  static Path tmp;

  static Scenario base;

  @BeforeAll
  static void shortFlagship() throws IOException {
    base = variant("short", "period:\n  start: 1998-01-01\n  end: 2011-12-31\n", Map.of());
  }

  /** Writes a variant of the flagship into a temp folder and loads it. */
  static Scenario variant(String name, String yaml, Map<String, String> files) throws IOException {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("scenario.yaml"), "name: " + name + "\nbase: " + FLAGSHIP + "\n" + yaml);
    for (var f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
    return Tumen.load(dir);
  }

  /** Sum of a yearly series over the run and the seeds. */
  static double total(Scenario s, Map<String, Double> overrides, String series) {
    double sum = 0;
    for (long seed : SEEDS) {
      var r = Simulation.run(s, Simulation.Options.of(seed, 2).withOverrides(overrides));
      sum += Arrays.stream(r.tally().yearly().get(series)).sum();
    }
    return sum;
  }

  @Test
  void dearerBribesMeanMoreRepatriations() {
    double cheap = total(base, Map.of(), "repatriated");
    double dear = total(base, Map.of("arrest.bribe_price_usd@2012", 12000.0), "repatriated");
    double releasesCheap = total(base, Map.of(), "bribe_releases");
    double releasesDear = total(base, Map.of("arrest.bribe_price_usd@2012", 12000.0), "bribe_releases");
    assertThat(releasesDear).isLessThan(releasesCheap * 0.7);
    // Most people who can no longer buy release are sent back instead (some later escape other ways).
    assertThat(dear - cheap).isGreaterThan(0.3 * (releasesCheap - releasesDear));
  }

  @Test
  void unhcrReviewMeansFewerRepatriationsAndMoreArrivals() {
    Map<String, Double> unhcr = Map.of("unhcr.access_probability", 0.8);
    assertThat(total(base, unhcr, "repatriated")).isLessThan(total(base, Map.of(), "repatriated") * 0.5);
    assertThat(total(base, unhcr, "arrived_south_korea")).isGreaterThan(total(base, Map.of(), "arrived_south_korea") * 1.2);
    double resettled = total(base, unhcr, "unhcr_resettled");
    assertThat(resettled).isPositive();
    // Resettled people are arrivals in South Korea too.
    assertThat(total(base, unhcr, "arrived_south_korea")).isGreaterThan(total(base, Map.of(), "arrived_south_korea") + 0.5 * resettled);
  }

  /** Counts arrivals in each third country by place name. */
  static final class ThirdCountries implements EventHandler {
    final Map<String, Integer> arrivals = new java.util.TreeMap<>();
    private org.tumen.engine.Vocabulary vocabulary;

    @Override
    public void start(org.tumen.engine.Vocabulary v, org.tumen.engine.SimCalendar c) {
      vocabulary = v;
    }

    @Override
    public void handleDay(int day, EventBuffer ev) {
      for (int i = 0; i < ev.size(); i++) {
        if (ev.cause(i) == KCause.REACHED_THIRD_COUNTRY) arrivals.merge(vocabulary.place(ev.place(i)), ev.count(i), Integer::sum);
      }
    }
  }

  @Test
  void closingMongoliaSendsPeopleThroughLaosToThailand() throws IOException {
    // Before 2007, when the real closure happened, so that only the override differs.
    Scenario early = variant("early", "period:\n  start: 1998-01-01\n  end: 2006-12-31\n", Map.of());
    ThirdCountries open = new ThirdCountries(), closed = new ThirdCountries();
    Simulation.run(early, Simulation.Options.of(5, 2).withHandlers(List.of(open)));
    Simulation.run(early, Simulation.Options.of(5, 2).withOverrides(Map.of("transit.weight_mongolia", 0.0)).withHandlers(List.of(closed)));
    assertThat(open.arrivals.getOrDefault("mongolia", 0)).isGreaterThan(50);
    assertThat(closed.arrivals.getOrDefault("mongolia", 0)).isZero();
    assertThat(closed.arrivals.getOrDefault("thailand", 0)).isGreaterThan((int) (open.arrivals.getOrDefault("thailand", 0) * 1.15));
  }

  @Test
  void aCollapseMultipliesCrossings() throws IOException {
    String timeline = "start,end,event,kind,parameter,effect,value,source\n"
        + "2026-06-01,,collapse,collapse,crossing.guard_intensity,set,0,test\n"
        + "2026-06-01,,collapse push,collapse,crossing.push,multiply,20,test\n";
    Scenario calm = variant("calm", "period:\n  start: 2026-01-01\n  end: 2026-09-30\n", Map.of());
    Scenario collapse = variant("collapse", "period:\n  start: 2026-01-01\n  end: 2026-09-30\ntables:\n  timeline: extra.csv\n",
        Map.of("extra.csv", timeline));
    var a = Simulation.run(calm, Simulation.Options.of(9, 2));
    var b = Simulation.run(collapse, Simulation.Options.of(9, 2));
    double before = a.tally().yearly().get("crossed")[0], after = b.tally().yearly().get("crossed")[0];
    assertThat(after).isGreaterThan(before * 5);
    assertThat(b.tally().snapshots()).hasSize(4);
  }

  /** Counts crossings by people who had crossed before. */
  static final class Recrossings implements EventHandler {
    final Set<Integer> crossed = new HashSet<>();
    int again;

    @Override
    public void handleDay(int day, EventBuffer ev) {
      for (int i = 0; i < ev.size(); i++) {
        if (ev.cause(i) == KCause.CROSSED && !crossed.add(ev.agent(i))) again++;
      }
    }
  }

  @Test
  void harsherSentencesMeanFewerRecrossings() throws IOException {
    StringBuilder harsh = new StringBuilder("from,to,offence,record,background,outcome,probability,min_days,max_days,source\n");
    for (String o : new String[] {"economic", "political", "helper"}) {
      harsh.append("1990-01-01,2030-12-31,").append(o).append(",any,any,kyohwaso,1.0,1825,3650,test\n");
    }
    Scenario harshScenario = variant("harsh", "period:\n  start: 1998-01-01\n  end: 2011-12-31\ntables:\n  sentencing: harsh.csv\n",
        Map.of("harsh.csv", harsh.toString()));
    Recrossings usual = new Recrossings(), strict = new Recrossings();
    Simulation.run(base, Simulation.Options.of(4, 2).withHandlers(List.of(usual)));
    Simulation.run(harshScenario, Simulation.Options.of(4, 2).withHandlers(List.of(strict)));
    assertThat(usual.again).isGreaterThan(500);
    assertThat(strict.again).isLessThan((int) (usual.again * 0.8));
  }

  @Test
  void crackdownsMeanMoreArrests() {
    assertThat(total(base, Map.of("hiding.enforcement", 2.0), "arrested_in_china"))
        .isGreaterThan(total(base, Map.of(), "arrested_in_china") * 1.3);
  }

  @Test
  void finesOnHelpersMeanFewerBrokerDepartures() {
    assertThat(total(base, Map.of("brokers.helper_fine_usd", 40000.0, "brokers.fine_pass_through", 3.0), "broker_departures"))
        .isLessThan(total(base, Map.of("brokers.fine_pass_through", 0.0), "broker_departures") * 0.9);
  }
}
