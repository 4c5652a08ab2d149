package org.tumen.flee;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.Model;
import org.tumen.engine.PlaceGraph;
import org.tumen.engine.RandomStream;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;
import org.tumen.engine.Workers;
import org.tumen.flee.FleeScenario.CampClosure;
import org.tumen.flee.FleeScenario.Closure;
import org.tumen.flee.FleeScenario.CountryClosure;
import org.tumen.flee.FleeScenario.ForcedRedirectionRemoval;
import org.tumen.flee.FleeScenario.LinkClosure;
import org.tumen.flee.FleeScenario.Location;
import org.tumen.flee.FleeScenario.LocationClosure;
import org.tumen.flee.FleeScenario.LocationType;
import org.tumen.flee.FleeScenario.Route;
import org.tumen.scenario.InvalidInputException;

/**
 * Flee 3's rules as a Tumen rule set: people appear in conflict zones as UNHCR registrations rise, and each day
 * every person who is not on a route may leave, choosing a destination by score, distance and free capacity.
 *
 * <p>A day follows Flee's run loop: conflicts start or end, new people spawn, border and camp closures take
 * effect, location scores are refreshed, then everyone moves. Moving is the only work that grows with the
 * population, so it runs in fixed chunks of agents on the worker team. Everything a person's decision depends
 * on (scores, move chances, route weights, camp occupancy) is fixed for the day before the chunks start, and each
 * chunk only counts its departures and arrivals; the counts are summed afterwards, so results never depend on
 * the thread count. The one consequence, documented in docs/FLEE.md, is that camp occupancy is seen as it was at
 * the start of the day rather than updated person by person as in Flee's sequential loop.
 *
 * <p>People live in primitive arrays indexed by agent id; no object is made per person or per move.
 */
public final class FleeModel implements Model {
  // States and causes of the event stream.
  public static final int NOT_DISPLACED = 0, AT_LOCATION = 1, TRAVELLING = 2;
  public static final int INITIAL = 0, SPAWNED = 1, DEPARTED = 2, ARRIVED = 3, TURNED_BACK = 4;
  /** Flee's agents have no sex attribute under the rules Tumen supports: every row says "not modelled". */
  private static final int NO_SEX = -1;

  /** Agents per chunk: decided by the data, never by the thread count (the determinism rule). */
  static final int CHUNK = 16384;
  private static final long STREAM_MOVE = 1, STREAM_SPAWN = 2;
  /** Guards against endless same-day hops over zero-length routes (Flee would recurse forever). */
  private static final int MAX_HOPS_PER_DAY = 1000;

  private final FleeScenario scenario;
  private final FleeSettings s;
  private final long seed;
  private final Vocabulary vocabulary;
  private final PlaceGraph graph;
  private final RegistrationData.Schedule schedule;
  private final int[] campIndex;

  // ---- locations: fixed ----
  private final int places;
  private final boolean[] foreign;
  private final int[] capacity; // camps' capacity column, -1 elsewhere (Flee's convention)
  private final double[] latitude, longitude;
  private final int[] slotSource;
  private final double[] slotSpeed, slotWalkProbability;
  private final int[] conflictColumnPlace;

  // ---- locations: changing day by day ----
  private final long[] population; // residents, lowered by spawning when take_from_population is on
  private final boolean[] camp, idpCamp, town;
  private final double[] conflict; // intensity; <= 0 means no conflict
  private final int[] timeOfConflict;
  private final double[] baseMoveChance;
  private final double[] moveChance; // today's, population scaling included
  private final double[] score;
  private final double[] capacityMultiplier;
  private final boolean[] fullCamp;
  private final double[] spawnWeight;
  private final boolean[] open; // per directed route slot
  private final long[] atLocation;

  // ---- today's route choices: per location, a list of paths with cumulative weights ----
  private int[] choiceStart;
  private double[] choiceCumulative = new double[64];
  private int[] choiceSlot = new int[64];
  private int[] choiceFinal = new int[64];
  private int[] choicePathStart = new int[65];
  private int[] pathNodes = new int[64];
  private boolean[] choiceUniform;

  // ---- agents, struct of arrays ----
  private final int maxAgents;
  private int agents;
  private final int[] location;
  private final int[] slot; // route slot travelled, -1 when at a location
  private final double[] onLink;
  private final double[] recentTravel;
  private final boolean[] firstJourney;
  private final int routeWidth;
  private final int[] route; // remaining waypoints when awareness > 1
  private final byte[] routeLength;

  private final Chunk[] chunks;
  private long agentDays;

  /** Flee turns any location people leave with a chance below this into a camp. */
  static final double CAMP_MOVE_CHANCE = 0.005;

  /** A conflict zone whose conflict starts later begins as a town (Flee's loader does the same). */
  static LocationType startingType(Location l) {
    return l.type() == LocationType.CONFLICT_ZONE && l.conflictDate() > 0 ? LocationType.TOWN : l.type();
  }

  /** A location's daily chance of being left, by its starting type, before conflicts change it. */
  static double moveChance(LocationType type, FleeSettings s) {
    return switch (type) {
      case CAMP -> s.campMoveChance();
      case IDP_CAMP -> s.idpCampMoveChance();
      case CONFLICT_ZONE -> s.conflictMoveChance();
      case FORWARDING_HUB -> 1.0;
      case TOWN -> s.defaultMoveChance();
    };
  }

  /** Whether Flee runs the location as a camp: declared one, or one people rarely leave (then it needs a series). */
  static boolean isCamp(Location l, FleeSettings s) {
    LocationType type = startingType(l);
    return type.isCamp() || moveChance(type, s) < CAMP_MOVE_CHANCE;
  }

  /**
   * The agent arrays take about 26 bytes per agent plus 4 per remembered route step; refuses, as a user
   * mistake with its remedies, registrations that call for more than the heap can hold, or for more route
   * steps than one array holds.
   */
  private static void checkHeap(int agents, int routeWidth) {
    if ((long) agents * routeWidth > Integer.MAX_VALUE - 16) {
      throw new InvalidInputException("source_data", 0, "", "more than 2^31 remembered route steps ("
          + agents + " agents, awareness level " + (routeWidth + 1) + "); raise optimisations.hasten");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long need = (long) agents * (26 + 4L * routeWidth);
    if (need > free) {
      throw new InvalidInputException("source_data", 0, "", String.format(java.util.Locale.ROOT,
          "the registrations call for %,d agents, about %.1f GB, more than the %.1f GB of heap left; raise "
              + "optimisations.hasten in simsetting.yml, or the heap (TUMEN_JAVA_OPTS=-Xmx...)", agents, need / 1e9, free / 1e9));
    }
  }

  public FleeModel(FleeScenario scenario, long seed) {
    this.scenario = scenario;
    this.s = scenario.settings();
    this.seed = seed;
    List<Location> locs = scenario.locations();
    places = locs.size();
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < places; i++) idx.put(locs.get(i).name(), i);

    PlaceGraph.Builder b = PlaceGraph.builder();
    for (Location l : locs) b.addPlace(new PlaceGraph.Place(l.name(), l.type().name().toLowerCase(), l.country(), l.latitude(), l.longitude()));
    List<Route> links = new ArrayList<>();
    for (Route r : scenario.routes()) {
      b.addRoute(r.from(), r.to(), r.km());
      links.add(r);
      // Flee's loader links a forced_redirection=1 route twice (a quirk we keep: it doubles the route's weight).
      if (r.forcedRedirection() == 1) {
        b.addRoute(r.from(), r.to(), r.km());
        links.add(r);
      }
    }
    graph = b.build();
    int slots = graph.edgeCount() * 2;
    slotSource = new int[slots];
    slotSpeed = new double[slots];
    slotWalkProbability = new double[slots];
    open = new boolean[slots];
    for (int p = 0; p < places; p++) {
      for (int e = graph.firstEdge(p); e < graph.endEdge(p); e++) {
        slotSource[e] = p;
        Route r = links.get(graph.edgeId(e));
        slotSpeed[e] = Double.isNaN(r.maxMoveSpeed()) ? s.maxMoveSpeed() : r.maxMoveSpeed();
        slotWalkProbability[e] = r.walkProbability();
        open[e] = true;
      }
    }

    String home = locs.get(0).country();
    foreign = new boolean[places];
    capacity = new int[places];
    latitude = new double[places];
    longitude = new double[places];
    population = new long[places];
    camp = new boolean[places];
    idpCamp = new boolean[places];
    town = new boolean[places];
    conflict = new double[places];
    timeOfConflict = new int[places];
    baseMoveChance = new double[places];
    moveChance = new double[places];
    score = new double[places];
    capacityMultiplier = new double[places];
    fullCamp = new boolean[places];
    spawnWeight = new double[places];
    atLocation = new long[places];
    List<Integer> camps = new ArrayList<>();
    for (int i = 0; i < places; i++) {
      Location l = locs.get(i);
      foreign[i] = !l.country().equals(home);
      latitude[i] = l.latitude();
      longitude[i] = l.longitude();
      conflict[i] = -1;
      timeOfConflict[i] = -1;
      LocationType type = startingType(l);
      capacity[i] = type.isCamp() ? l.population() : -1;
      population[i] = type.isCamp() ? 0 : l.population();
      baseMoveChance[i] = moveChance(type, s);
      switch (type) {
        case CAMP -> camp[i] = true;
        case IDP_CAMP -> camp[i] = idpCamp[i] = true;
        case CONFLICT_ZONE -> conflict[i] = l.conflictIntensity();
        case FORWARDING_HUB -> { }
        case TOWN -> town[i] = true;
      }
      if (isCamp(l, s) && !camp[i]) {
        camp[i] = true;
        town[i] = false;
      }
      if (camp[i]) camps.add(i);
    }
    campIndex = camps.stream().mapToInt(Integer::intValue).toArray();
    conflictColumnPlace = scenario.conflictNames().stream().mapToInt(idx::get).toArray();

    List<String> campNames = camps.stream().map(i -> locs.get(i).name()).toList();
    schedule = scenario.registrations().schedule(campNames, scenario.days(), s.sumFromCamps(), s.emptyCampsOnDay0(), s.insertDay0());
    long total = 0;
    for (int x : schedule.newAgents()) total += x;
    for (int c = 0; c < campIndex.length; c++) total += initialAt(c);
    if (total > Integer.MAX_VALUE - CHUNK) {
      throw new InvalidInputException("source_data", 0, "", "more than 2^31 agents; raise optimisations.hasten");
    }
    maxAgents = (int) total;
    routeWidth = s.awarenessLevel() - 1;
    checkHeap(maxAgents, routeWidth);
    location = new int[maxAgents];
    slot = new int[maxAgents];
    onLink = new double[maxAgents];
    recentTravel = new double[maxAgents];
    firstJourney = new boolean[maxAgents];
    route = new int[routeWidth == 0 ? 0 : maxAgents * routeWidth];
    routeLength = new byte[routeWidth == 0 ? 0 : maxAgents];
    chunks = new Chunk[(maxAgents + CHUNK - 1) / CHUNK];
    for (int c = 0; c < chunks.length; c++) chunks[c] = new Chunk(places);
    choiceStart = new int[places + 1];
    choiceUniform = new boolean[places];

    List<String> names = locs.stream().map(Location::name).toList();
    vocabulary = new Vocabulary(List.of("not yet displaced", "at location", "travelling"),
        List.of("in camp on day 0", "displaced by conflict", "departed", "arrived", "turned back at closed route"), names);
    refreshSpawnWeights(0);
  }

  /** People in the camp before day 0; a long, since the sum is only known to fit once the total is checked. */
  private long initialAt(int campNumber) {
    Location l = scenario.locations().get(campIndex[campNumber]);
    return s.emptyCampsOnDay0() ? 0 : (long) schedule.initialInCamp()[campNumber] + l.initialIdps();
  }

  // ---------------------------------------------------------------- the day

  @Override
  public void step(int day, Workers workers, EventBuffer events) {
    if (day == 0) {
      for (int c = 0; c < campIndex.length; c++) {
        int n = (int) initialAt(c); // fits: the total was checked
        addAgents(campIndex[c], n);
        if (n > 0) events.add(day, -1, NOT_DISPLACED, AT_LOCATION, campIndex[c], INITIAL, NO_SEX, n);
      }
    }
    updateConflicts(day);
    spawn(day, events);
    refreshSpawnWeights(day);
    enactClosures(day);
    prepareDay(day);

    int chunkCount = (agents + CHUNK - 1) / CHUNK;
    workers.forEach(chunkCount, c -> moveChunk(c, day));

    // Merge in chunk order (sums of counts, so the order only matters for clarity).
    long[] depart = new long[places], arrive = new long[places], back = new long[places];
    for (int c = 0; c < chunkCount; c++) {
      Chunk k = chunks[c];
      for (int p = 0; p < places; p++) {
        depart[p] += k.depart[p];
        arrive[p] += k.arrive[p];
        back[p] += k.turnedBack[p];
      }
    }
    for (int p = 0; p < places; p++) {
      atLocation[p] += arrive[p] + back[p] - depart[p];
      if (depart[p] > 0) events.add(day, -1, AT_LOCATION, TRAVELLING, p, DEPARTED, NO_SEX, (int) depart[p]);
      if (arrive[p] > 0) events.add(day, -1, TRAVELLING, AT_LOCATION, p, ARRIVED, NO_SEX, (int) arrive[p]);
      if (back[p] > 0) events.add(day, -1, TRAVELLING, AT_LOCATION, p, TURNED_BACK, NO_SEX, (int) back[p]);
    }
    agentDays += agents;
  }

  /** conflicts.csv: a zone becomes a conflict zone when its value rises above zero and a town when it drops to zero. */
  private void updateConflicts(int day) {
    boolean changed = false;
    double[][] c = scenario.conflicts();
    for (int k = 0; k < conflictColumnPlace.length; k++) {
      int p = conflictColumnPlace[k];
      double now = c[k][day];
      double before = day > 0 ? c[k][day - 1] : 0;
      if (now > 0.000001 && (day == 0 || before < 0.000001)) {
        baseMoveChance[p] = s.conflictMoveChance();
        conflict[p] = now;
        town[p] = false;
        timeOfConflict[p] = day;
        changed = true;
      } else if (now < 0.000001 && day > 0 && before >= 0.000001) {
        baseMoveChance[p] = s.defaultMoveChance();
        conflict[p] = -1;
        town[p] = true;
        changed = true;
      }
    }
    if (changed) refreshSpawnWeights(day);
  }

  /** Spawn weight: residents x conflict intensity x the decay for how long the conflict has lasted. */
  private void refreshSpawnWeights(int time) {
    for (int p = 0; p < places; p++) {
      spawnWeight[p] = conflict[p] > 0 ? population[p] * conflict[p] * s.conflictDecay(time - timeOfConflict[p]) : 0;
    }
  }

  /** New people, as many as the rise in registrations, placed over conflict zones by spawn weight. */
  private void spawn(int day, EventBuffer events) {
    int n = schedule.newAgents()[day];
    if (n == 0) return;
    double total = 0;
    for (double w : spawnWeight) total += w;
    if (!(total > 0)) {
      throw new InvalidInputException("input_csv/conflicts.csv", 0, "day " + day,
          n + " people must be displaced but no location is in conflict (Flee stops here too)");
    }
    // A multinomial draw as a chain of binomials, in location order: one stream per day, any thread count.
    RandomStream rng = new RandomStream(seed, STREAM_SPAWN, 0, day);
    long left = n;
    double weightLeft = total;
    for (int p = 0; p < places && left > 0; p++) {
      if (spawnWeight[p] <= 0) continue;
      double prob = spawnWeight[p] / weightLeft;
      long k = prob >= 1 ? left : rng.binomial(left, prob);
      weightLeft -= spawnWeight[p];
      left -= k;
      if (k == 0) continue;
      addAgents(p, (int) k);
      if (s.takeFromPopulation()) population[p] = Math.max(0, population[p] - k);
      events.add(day, -1, NOT_DISPLACED, AT_LOCATION, p, SPAWNED, NO_SEX, (int) k);
    }
  }

  private void addAgents(int place, int n) {
    for (int i = agents; i < agents + n; i++) {
      location[i] = place;
      slot[i] = -1;
      firstJourney[i] = true;
    }
    agents += n;
    atLocation[place] += n;
  }

  private void enactClosures(int day) {
    for (Closure c : scenario.closures()) {
      if (day == c.start()) applyClosure(c, true);
      if (day == c.end()) applyClosure(c, false);
    }
  }

  private void applyClosure(Closure c, boolean close) {
    // Java 17 has no pattern switch; the sealed Closure interface keeps this list complete.
    if (c instanceof CountryClosure cc) {
      for (int e = 0; e < open.length; e++) {
        String a = graph.place(slotSource[e]).country(), b = graph.place(graph.target(e)).country();
        if ((a.equals(cc.country1()) && b.equals(cc.country2())) || (a.equals(cc.country2()) && b.equals(cc.country1()))) open[e] = !close;
      }
    } else if (c instanceof LocationClosure lc) {
      int p = graph.indexOf(lc.location());
      for (int e = 0; e < open.length; e++) if (slotSource[e] == p || graph.target(e) == p) open[e] = !close;
    } else if (c instanceof LinkClosure lk) {
      int a = graph.indexOf(lk.location1()), b = graph.indexOf(lk.location2());
      for (int e = 0; e < open.length; e++) {
        if ((slotSource[e] == a && graph.target(e) == b) || (slotSource[e] == b && graph.target(e) == a)) open[e] = !close;
      }
    } else if (c instanceof CampClosure cc) {
      int p = graph.indexOf(cc.location());
      if (close) { // the camp becomes a town
        camp[p] = idpCamp[p] = false;
        town[p] = true;
        conflict[p] = -1;
        baseMoveChance[p] = s.defaultMoveChance();
      } else {
        camp[p] = true;
        idpCamp[p] = cc.idp();
        town[p] = false;
        conflict[p] = -1;
        baseMoveChance[p] = cc.idp() ? s.idpCampMoveChance() : s.campMoveChance();
      }
    } else if (c instanceof ForcedRedirectionRemoval) {
      // No effect: Flee 3's route choice ignores forced redirection.
    }
  }

  /** Fixes everything a decision reads today: scores, move chances, occupancy and the route tables. */
  private void prepareDay(int day) {
    for (int p = 0; p < places; p++) {
      double sc = 1.0;
      if (foreign[p]) sc *= s.foreignWeight();
      if (camp[p] || idpCamp[p]) sc *= s.campWeight();
      if (conflict[p] > 0) sc *= Math.pow(s.conflictWeight(), s.conflictDecay(day - timeOfConflict[p]) * conflict[p]);
      score[p] = sc;
      double popScale = Math.pow(Math.max(population[p], capacity[p]) / s.movechancePopBase(), s.movechancePopScaleFactor());
      moveChance[p] = baseMoveChance[p] * popScale;
      capacityMultiplier[p] = capacityMultiplier(p);
      fullCamp[p] = camp[p] && capacityMultiplier[p] < 0.5;
    }
    buildRouteChoices();
  }

  /** 1 while a location is below capacity_buffer of its (scaled) capacity, 0 when full, linear in between. */
  private double capacityMultiplier(int p) {
    double cap = capacity[p] * s.capacityScaling();
    if (cap < 1) return 1.0;
    double n = atLocation[p], nearlyFull = s.capacityBuffer();
    if (n <= nearlyFull * cap) return 1.0;
    if (n >= cap) return 0.0;
    return 1.0 - (n - nearlyFull * cap) / (cap * (1.0 - nearlyFull));
  }

  // ---------------------------------------------------------------- route tables

  private int choices;
  private int nodesUsed;
  private final int[] pathBuffer = new int[FleeSettings.MAX_AWARENESS + 1];

  /**
   * For every location, every simple path of up to awareness_level open routes, weighted as Flee weighs them:
   * (weight_softening + endpoint score) / (softening + path length)^distance_power x the endpoint's capacity
   * multiplier, all to the power weight_power. The weights depend on the place and the day, never on the person,
   * so they are computed once a day here instead of once per decision.
   */
  private void buildRouteChoices() {
    choices = 0;
    nodesUsed = 0;
    for (int p = 0; p < places; p++) {
      choiceStart[p] = choices;
      pathBuffer[0] = p;
      enumerate(p, p, 1, 0.0, -1);
      int from = choiceStart[p];
      double sum = 0;
      for (int k = from; k < choices; k++) {
        sum += choiceCumulative[k];
        choiceCumulative[k] = sum;
      }
      choiceUniform[p] = !(sum > 0);
    }
    choiceStart[places] = choices;
  }

  private void enumerate(int origin, int node, int step, double prior, int firstSlot) {
    for (int e = graph.firstEdge(node); e < graph.endEdge(node); e++) {
      if (!open[e]) continue;
      int end = graph.target(e);
      boolean loop = false;
      for (int k = 0; k < step; k++) loop |= pathBuffer[k] == end;
      if (loop) continue;
      double distance = prior + graph.distance(e);
      double w = (s.weightSoftening() + endpointScore(end, origin)) / Math.pow(s.softening() + distance, s.distancePower())
          * capacityMultiplier[end];
      w = Math.pow(w, s.weightPower());
      pathBuffer[step] = end;
      addChoice(firstSlot < 0 ? e : firstSlot, end, w, step);
      if (s.awarenessLevel() > step) enumerate(origin, end, step + 1, distance, firstSlot < 0 ? e : firstSlot);
    }
  }

  private double endpointScore(int end, int origin) {
    double base = score[end];
    if (s.stayCloseToHome()) {
      double km = PlaceGraph.greatCircleKm(latitude[end], longitude[end], latitude[origin], longitude[origin]);
      base *= 1.0 / Math.pow(Math.max(1.0, km), s.homeDistancePower());
    }
    if (s.usePopForLocWeight() && !camp[end]) base *= Math.pow(Math.min(1.0, population[end]), s.popPowerForLocWeight());
    return base;
  }

  private void addChoice(int firstSlot, int end, double weight, int length) {
    if (choices == choiceSlot.length) {
      int n = choices * 2;
      choiceSlot = Arrays.copyOf(choiceSlot, n);
      choiceFinal = Arrays.copyOf(choiceFinal, n);
      choiceCumulative = Arrays.copyOf(choiceCumulative, n);
      choicePathStart = Arrays.copyOf(choicePathStart, n + 1);
    }
    choiceSlot[choices] = firstSlot;
    choiceFinal[choices] = end;
    choiceCumulative[choices] = weight;
    choicePathStart[choices] = nodesUsed;
    // Waypoints after the first step (only kept when awareness > 1).
    for (int k = 2; k <= length; k++) {
      if (nodesUsed == pathNodes.length) pathNodes = Arrays.copyOf(pathNodes, nodesUsed * 2);
      pathNodes[nodesUsed++] = pathBuffer[k];
    }
    choices++;
    choicePathStart[choices] = nodesUsed;
  }

  // ---------------------------------------------------------------- moving (the hot loop)

  /** Per-chunk scratch: a random stream and counts of departures and arrivals by location. */
  private static final class Chunk {
    final RandomStream rng = new RandomStream();
    final int[] depart, arrive, turnedBack;

    Chunk(int places) {
      depart = new int[places];
      arrive = new int[places];
      turnedBack = new int[places];
    }
  }

  private void moveChunk(int c, int day) {
    Chunk k = chunks[c];
    Arrays.fill(k.depart, 0);
    Arrays.fill(k.arrive, 0);
    Arrays.fill(k.turnedBack, 0);
    RandomStream rng = k.rng;
    int end = Math.min(agents, (c + 1) * CHUNK);
    double maxMove = s.maxMoveSpeed();
    for (int i = c * CHUNK; i < end; i++) {
      rng.reset(seed, STREAM_MOVE, i, day);
      if (slot[i] < 0) tryToLeave(i, false, rng, k);
      double moved = slot[i] >= 0 ? travel(i, rng, k) : 0.0;
      recentTravel[i] = (recentTravel[i] + moved / maxMove) / 2.0;
    }
  }

  /** Flee's Person.evolve: leave with the location's move chance, on a route chosen now or earlier. */
  private void tryToLeave(int i, boolean forceTownMove, RandomStream rng, Chunk k) {
    int p = location[i];
    double chance = forceTownMove && town[p] ? 1.0 : moveChance[p];
    if (!(rng.nextDouble() < chance)) return;
    int first, last;
    if (routeWidth == 0 || routeLength[i] == 0) {
      int from = choiceStart[p], to = choiceStart[p + 1];
      if (from == to) return; // no open route out
      int pick = pick(from, to, choiceUniform[p], rng);
      first = choiceSlot[pick];
      last = choiceFinal[pick];
      if (routeWidth > 0) {
        int n = choicePathStart[pick + 1] - choicePathStart[pick];
        System.arraycopy(pathNodes, choicePathStart[pick], route, i * routeWidth, n);
        routeLength[i] = (byte) n;
      }
      if (fullCamp[last]) {
        if (routeWidth > 0) routeLength[i] = 0;
        return;
      }
    } else {
      // Follow the route planned earlier: the next waypoint must still be reachable by an open route.
      int base = i * routeWidth, n = routeLength[i];
      int next = route[base];
      first = -1;
      for (int e = graph.firstEdge(p); e < graph.endEdge(p); e++) {
        if (open[e] && graph.target(e) == next) {
          first = e;
          break;
        }
      }
      last = route[base + n - 1];
      if (first < 0 || fullCamp[last]) {
        routeLength[i] = 0;
        return;
      }
      System.arraycopy(route, base + 1, route, base, n - 1);
      routeLength[i] = (byte) (n - 1);
    }
    slot[i] = first;
    onLink[i] = 0;
    k.depart[p]++;
  }

  private int pick(int from, int to, boolean uniform, RandomStream rng) {
    if (uniform) return from + rng.nextInt(to - from);
    double u = rng.nextDouble() * choiceCumulative[to - 1];
    int j = from;
    while (j < to - 1 && !(u < choiceCumulative[j])) j++;
    return j;
  }

  /**
   * Flee's finish_travel: advance along the route at today's speed; on arrival, a person who covered less than
   * a day's distance may move on the same day (forced to, from a town, when avoid_short_stints says the recent
   * stints were short). Returns the km moved today.
   */
  private double travel(int i, RandomStream rng, Chunk k) {
    double moved = 0;
    for (int hop = 0; hop < MAX_HOPS_PER_DAY && slot[i] >= 0; hop++) {
      int e = slot[i];
      double speed = slotSpeed[e];
      if (firstJourney[i] && s.startOnFoot()) speed = s.maxWalkSpeed();
      if (slotWalkProbability[e] > 0 && rng.nextDouble() < slotWalkProbability[e]) speed = s.maxWalkSpeed();
      onLink[i] += speed;
      moved += speed;
      double length = graph.distance(e);
      if (!(onLink[i] > length)) return moved;
      firstJourney[i] = false;
      moved += length - onLink[i];
      slot[i] = -1;
      onLink[i] = 0;
      if (!open[e]) { // the route closed under them: back to where they set out from
        location[i] = slotSource[e];
        k.turnedBack[slotSource[e]]++;
        return moved;
      }
      int to = graph.target(e);
      location[i] = to;
      k.arrive[to]++;
      if (!(moved < speed)) return moved;
      boolean force = s.avoidShortStints() && (recentTravel[i] + moved / s.maxMoveSpeed()) / 2.0 < 0.5;
      tryToLeave(i, force, rng, k);
    }
    return moved;
  }

  // ---------------------------------------------------------------- Model

  @Override
  public SimCalendar calendar() {
    return scenario.calendar();
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public long[] census() {
    long at = 0;
    for (long n : atLocation) at += n;
    return new long[] {maxAgents - agents, at, agents - at};
  }

  @Override
  public long agentDays() {
    return agentDays;
  }

  public FleeScenario scenario() {
    return scenario;
  }

  /** Location indices of the camps, in locations.csv order (the out.csv columns). */
  public int[] camps() {
    return campIndex.clone();
  }

  public RegistrationData.Schedule schedule() {
    return schedule;
  }

  /** Agents created so far. */
  public int agents() {
    return agents;
  }

  public long atLocation(int place) {
    return atLocation[place];
  }
}
