package org.tumen.korea;

import java.util.List;
import java.util.Set;
import org.tumen.engine.Model;
import org.tumen.engine.PlaceGraph;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.ParameterSpec;
import org.tumen.scenario.Problems;
import org.tumen.scenario.RuleSet;
import org.tumen.scenario.Scenario;
import org.tumen.scenario.TableSpec;

/**
 * The seed article's system as a rule set: North Koreans crossing into China, hiding, arrest, bribes,
 * repatriation and punishment, brokers, missions, third countries, arrival in South Korea, collapse.
 */
public final class KoreaRules implements RuleSet {
  static final Set<String> PLACE_KINDS = Set.of("home_region", "crossing_point", "china_border", "china_inland",
      "mission", "third_country", "destination");
  /** Places the route rules refer to by name. */
  static final List<String> NAMED_PLACES = List.of("mongolia", "laos", "thailand", "vietnam", "south_korea");

  @Override
  public String name() {
    return "korea";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return P.SPECS;
  }

  @Override
  public Set<String> placeKinds() {
    return PLACE_KINDS;
  }

  @Override
  public List<TableSpec> tables() {
    return List.of(
        new TableSpec("population", Set.of("region", "sex", "age_band", "people", "source"), Set.of("note"),
            "people at home by region, sex and age band"),
        new TableSpec("sentencing", Set.of("from", "to", "offence", "record", "background", "outcome", "probability",
            "min_days", "max_days", "source"), Set.of("note"), "North Korea's sentencing of returnees by period"));
  }

  @Override
  public void check(Scenario s, Problems problems) {
    ParameterSet p = s.parameters();
    double shares = p.value("population.share_core") + p.value("population.share_wavering") + p.value("population.share_hostile");
    if (Math.abs(shares - 1) > 1e-6) {
      var q = p.get("population.share_core");
      problems.add(q.file(), q.line(), "population.share_*", "the three class shares sum to " + shares + "; expected 1");
    }
    int days = s.calendar().days();
    if (days > KoreaModel.MAX_DAYS) {
      problems.add(s.dir().resolve("scenario.yaml").toString(), 0, "period",
          "lasts " + days + " days; the Korea rules run at most " + KoreaModel.MAX_DAYS + " days (179 years)");
    }
    PlaceGraph g = s.places();
    String placesFile = s.table("places").file();
    for (String name : NAMED_PLACES) {
      int i = g.indexOf(name);
      String kind = name.equals("south_korea") ? "destination" : "third_country";
      if (i < 0 || !g.place(i).kind().equals(kind)) {
        problems.add(placesFile, 0, name, "the Korea rules need a place named '" + name + "' of kind " + kind);
      }
    }
    boolean mission = false;
    for (int i = 0; i < g.size(); i++) {
      String kind = g.place(i).kind();
      mission |= kind.equals("mission");
      if (kind.equals("home_region") && neighbours(g, i, "crossing_point") == 0) {
        problems.add(s.table("routes").file(), 0, g.place(i).name(), "home region has no route to a crossing_point");
      }
      if (kind.equals("crossing_point") && neighbours(g, i, "china_border") == 0) {
        problems.add(s.table("routes").file(), 0, g.place(i).name(), "crossing point has no route to a china_border place");
      }
    }
    if (!mission) problems.add(placesFile, 0, "kind", "the Korea rules need at least one place of kind mission");
    if (!problems.isEmpty()) return;
    Cohorts.read(s.table("population"), g, p, problems);
    Sentencing.read(s.table("sentencing"), s.calendar(), problems);
    if (problems.isEmpty()) new KoreaGeography(g); // checks reachability of missions and third countries
  }

  static int neighbours(PlaceGraph g, int place, String kind) {
    int n = 0;
    for (int e = g.firstEdge(place); e < g.endEdge(place); e++) if (g.place(g.target(e)).kind().equals(kind)) n++;
    return n;
  }

  @Override
  public Model build(Scenario s, ParameterSet parameters, long seed) {
    Problems problems = new Problems();
    Cohorts cohorts = Cohorts.read(s.table("population"), s.places(), parameters, problems);
    Sentencing sentencing = Sentencing.read(s.table("sentencing"), s.calendar(), problems);
    problems.throwIfAny();
    return new KoreaModel(s, parameters, cohorts, sentencing, new KoreaGeography(s.places()), seed);
  }
}
