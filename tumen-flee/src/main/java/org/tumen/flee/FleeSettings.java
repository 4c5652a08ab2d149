package org.tumen.flee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Problem;

/**
 * The settings of a Flee {@code simsetting.yml} that Tumen honours, with Flee 3's defaults.
 *
 * <p>Reading is strict: a key Tumen does not know, or a rule it does not implement switched on, is refused
 * with the file and key named, so that a Flee user never gets a silently different model.
 */
public record FleeSettings(
    // spawn_rules
    boolean sumFromCamps,
    double[] conflictSpawnDecay,
    int conflictSpawnDecayInterval,
    boolean emptyCampsOnDay0,
    boolean insertDay0,
    boolean takeFromPopulation,
    boolean conflictZoneSpawningOnly,
    // move_rules
    double maxMoveSpeed,
    double maxWalkSpeed,
    double maxCrossingSpeed,
    double foreignWeight,
    double campWeight,
    double conflictWeight,
    double conflictMoveChance,
    double campMoveChance,
    double idpCampMoveChance,
    double defaultMoveChance,
    int awarenessLevel,
    double capacityBuffer,
    double capacityScaling,
    boolean avoidShortStints,
    boolean startOnFoot,
    double softening,
    double weightSoftening,
    double weightPower,
    double distancePower,
    boolean stayCloseToHome,
    double homeDistancePower,
    boolean usePopForLocWeight,
    double popPowerForLocWeight,
    double movechancePopBase,
    double movechancePopScaleFactor,
    // optimisations
    int hasten) {

  /** Highest awareness level accepted; paths are enumerated per location and day, so deep levels cost. */
  public static final int MAX_AWARENESS = 4;

  /** Flee 3's defaults (SimulationSettings.ReadFromYML with an empty file). */
  public static FleeSettings defaults() {
    return new FleeSettings(true, null, 30, false, true, false, true,
        360.0, 35.0, 20.0, 1.0, 1.0, 1.0 / 3.16227766017, 1.0, 0.001, 0.1, 0.3, 1, 0.9, 1.0, false, false,
        10.0, 0.0, 1.0, 1.0, false, 0.5, false, 0.1, 10000.0, 0.0, 1);
  }

  /** The spawn decay multiplier for a conflict that started {@code elapsed} days ago (1 without decay). */
  public double conflictDecay(int elapsed) {
    if (conflictSpawnDecay == null || conflictSpawnDecay.length == 0) return 1.0;
    // Python's int() truncates toward zero, as Java's integer division does.
    int i = Math.min(elapsed / conflictSpawnDecayInterval, conflictSpawnDecay.length - 1);
    return conflictSpawnDecay[Math.max(i, 0)];
  }

  private static final Set<String> SECTIONS = Set.of("log_levels", "spawn_rules", "move_rules", "optimisations");
  private static final Set<String> LOG_KEYS = Set.of("agent", "link", "camp", "init", "conflict", "idp_totals");
  /** Flee 3.0 prototype conditionals on agent attributes; accepted only when off. */
  private static final Set<String> OFF_ONLY_MOVE_KEYS = Set.of("use_v1_rules", "ChildrenAvoidHazards", "BoysTakeRisk",
      "MatchCampEthnicity", "MatchTownEthnicity", "MatchConflictEthnicity");

  /** Reads and checks a simsetting.yml; every problem found is reported at once. */
  public static FleeSettings read(Path file) {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new InvalidInputException(name, 0, "", "cannot read YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return parse(name, root);
  }

  static FleeSettings parse(String file, JsonNode root) {
    Reader r = new Reader(file);
    FleeSettings d = defaults();
    if (root == null || root.isMissingNode() || root.isNull()) return d;
    if (!root.isObject()) throw new InvalidInputException(file, 0, "", "expected a mapping of sections");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!SECTIONS.contains(k)) r.problem(k, "unknown section; Tumen reads " + String.join(", ", List.of("log_levels", "spawn_rules", "move_rules", "optimisations")));
    }
    JsonNode logs = r.section(root, "log_levels");
    for (Map.Entry<String, JsonNode> e : r.entries(logs)) {
      String key = "log_levels." + e.getKey();
      if (!LOG_KEYS.contains(e.getKey())) r.problem(key, "unknown log level");
      else if (!e.getValue().canConvertToInt() || e.getValue().asInt() != 0)
        r.problem(key, "only 0 is supported: Tumen writes none of Flee's diagnostic logs (use the event stream instead)");
    }

    JsonNode s = r.section(root, "spawn_rules");
    r.only(s, "spawn_rules", Set.of("sum_from_camps", "conflict_spawn_decay", "conflict_spawn_decay_interval",
        "empty_camps_on_day0", "insert_day0", "take_from_population", "conflict_zone_spawning_only"),
        "conflict_driven_spawning, flood_driven_spawning, flood_zone_spawning_only, camps_are_sinks and agents.csv input are not supported");
    boolean sumFromCamps = r.bool(s, "spawn_rules", "sum_from_camps", d.sumFromCamps);
    double[] decay = r.doubles(s, "spawn_rules", "conflict_spawn_decay");
    int decayInterval = r.integer(s, "spawn_rules", "conflict_spawn_decay_interval", d.conflictSpawnDecayInterval, 1);
    boolean empty = r.bool(s, "spawn_rules", "empty_camps_on_day0", d.emptyCampsOnDay0);
    boolean insertDay0 = r.bool(s, "spawn_rules", "insert_day0", d.insertDay0);
    boolean take = r.bool(s, "spawn_rules", "take_from_population", d.takeFromPopulation);
    boolean czOnly = r.bool(s, "spawn_rules", "conflict_zone_spawning_only", d.conflictZoneSpawningOnly);

    JsonNode m = r.section(root, "move_rules");
    Set<String> moveKeys = new java.util.HashSet<>(Set.of("max_move_speed", "max_walk_speed", "max_crossing_speed",
        "foreign_weight", "camp_weight", "conflict_weight", "conflict_movechance", "camp_movechance",
        "idpcamp_movechance", "default_movechance", "awareness_level", "capacity_buffer", "capacity_scaling",
        "avoid_short_stints", "start_on_foot", "softening", "weight_softening", "weight_power", "distance_power",
        "stay_close_to_home", "home_distance_power", "use_pop_for_loc_weight", "pop_power_for_loc_weight",
        "movechance_pop_base", "movechance_pop_scale_factor"));
    moveKeys.addAll(OFF_ONLY_MOVE_KEYS);
    r.only(m, "move_rules", moveKeys, "flood_rules and fixed_routes are not supported");
    for (String k : OFF_ONLY_MOVE_KEYS) {
      if (r.bool(m, "move_rules", k, false)) r.problem("move_rules." + k, "not supported when true (Tumen implements the Flee 3 rule set without agent attributes)");
    }
    String mr = "move_rules";
    double maxMove = r.number(m, mr, "max_move_speed", d.maxMoveSpeed, 0, false);
    double maxWalk = r.number(m, mr, "max_walk_speed", d.maxWalkSpeed, 0, false);
    double maxCross = r.number(m, mr, "max_crossing_speed", d.maxCrossingSpeed, 0, false);
    double foreignW = r.number(m, mr, "foreign_weight", d.foreignWeight, 0, true);
    double campW = r.number(m, mr, "camp_weight", d.campWeight, 0, true);
    double conflictW = r.number(m, mr, "conflict_weight", d.conflictWeight, 0, true);
    double conflictMc = r.chance(m, mr, "conflict_movechance", d.conflictMoveChance);
    double campMc = r.chance(m, mr, "camp_movechance", d.campMoveChance);
    double idpMc = r.chance(m, mr, "idpcamp_movechance", d.idpCampMoveChance);
    double defaultMc = r.chance(m, mr, "default_movechance", d.defaultMoveChance);
    int awareness = r.integer(m, mr, "awareness_level", d.awarenessLevel, 1);
    if (awareness > MAX_AWARENESS) r.problem(mr + ".awareness_level", "at most " + MAX_AWARENESS + " is supported, got " + awareness);
    double capBuffer = r.number(m, mr, "capacity_buffer", d.capacityBuffer, 0, true);
    if (capBuffer >= 1) r.problem(mr + ".capacity_buffer", "must be below 1, got " + capBuffer);
    double capScaling = r.number(m, mr, "capacity_scaling", d.capacityScaling, 0, true);
    boolean avoid = r.bool(m, mr, "avoid_short_stints", d.avoidShortStints);
    boolean onFoot = r.bool(m, mr, "start_on_foot", d.startOnFoot);
    double softening = r.number(m, mr, "softening", d.softening, 0, true);
    double weightSoftening = r.number(m, mr, "weight_softening", d.weightSoftening, 0, true);
    double weightPower = r.number(m, mr, "weight_power", d.weightPower, 0, true);
    double distancePower = r.number(m, mr, "distance_power", d.distancePower, 0, true);
    boolean closeToHome = r.bool(m, mr, "stay_close_to_home", d.stayCloseToHome);
    double homePower = r.number(m, mr, "home_distance_power", d.homeDistancePower, 0, true);
    boolean usePop = r.bool(m, mr, "use_pop_for_loc_weight", d.usePopForLocWeight);
    double popPower = r.number(m, mr, "pop_power_for_loc_weight", d.popPowerForLocWeight, 0, true);
    double mcPopBase = r.number(m, mr, "movechance_pop_base", d.movechancePopBase, 0, false);
    double mcPopScale = r.number(m, mr, "movechance_pop_scale_factor", d.movechancePopScaleFactor, 0, true);

    JsonNode o = r.section(root, "optimisations");
    r.only(o, "optimisations", Set.of("hasten"), "");
    int hasten = r.integer(o, "optimisations", "hasten", d.hasten, 1);

    if (!r.problems.isEmpty()) throw new InvalidInputException(r.problems);
    return new FleeSettings(sumFromCamps, decay, decayInterval, empty, insertDay0, take, czOnly,
        maxMove, maxWalk, maxCross, foreignW, campW, conflictW, conflictMc, campMc, idpMc, defaultMc, awareness,
        capBuffer, capScaling, avoid, onFoot, softening, weightSoftening, weightPower, distancePower, closeToHome,
        homePower, usePop, popPower, mcPopBase, mcPopScale, hasten);
  }

  /** Typed access to the YAML tree that collects problems instead of failing on the first. */
  private static final class Reader {
    final String file;
    final List<Problem> problems = new ArrayList<>();

    Reader(String file) {
      this.file = file;
    }

    void problem(String key, String message) {
      problems.add(new Problem(file, 0, key, message));
    }

    JsonNode section(JsonNode root, String name) {
      JsonNode n = root.get(name);
      if (n == null || n.isNull()) return null;
      if (!n.isObject()) {
        problem(name, "expected a mapping");
        return null;
      }
      return n;
    }

    List<Map.Entry<String, JsonNode>> entries(JsonNode n) {
      List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
      if (n != null) n.fields().forEachRemaining(out::add);
      return out;
    }

    void only(JsonNode n, String section, Set<String> known, String note) {
      for (Map.Entry<String, JsonNode> e : entries(n)) {
        if (!known.contains(e.getKey())) {
          problem(section + "." + e.getKey(), "unknown or unsupported setting" + (note.isEmpty() ? "" : " (" + note + ")"));
        }
      }
    }

    boolean bool(JsonNode n, String section, String key, boolean def) {
      JsonNode v = n == null ? null : n.get(key);
      if (v == null || v.isNull()) return def;
      if (v.isBoolean()) return v.booleanValue();
      if (v.isTextual()) {
        String t = v.textValue().trim().toLowerCase();
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
      }
      if (v.isInt() && (v.intValue() == 0 || v.intValue() == 1)) return v.intValue() == 1;
      problem(section + "." + key, "expected true or false, got " + v);
      return def;
    }

    double number(JsonNode n, String section, String key, double def, double min, boolean minAllowed) {
      JsonNode v = n == null ? null : n.get(key);
      if (v == null || v.isNull()) return def;
      if (!v.isNumber()) {
        problem(section + "." + key, "expected a number, got " + v);
        return def;
      }
      double x = v.doubleValue();
      if (!(minAllowed ? x >= min : x > min)) {
        problem(section + "." + key, "must be " + (minAllowed ? ">= " : "> ") + min + ", got " + x);
        return def;
      }
      return x;
    }

    double chance(JsonNode n, String section, String key, double def) {
      double x = number(n, section, key, def, 0, true);
      if (x > 1) {
        problem(section + "." + key, "a move chance must be between 0 and 1, got " + x);
        return def;
      }
      return x;
    }

    int integer(JsonNode n, String section, String key, int def, int min) {
      JsonNode v = n == null ? null : n.get(key);
      if (v == null || v.isNull()) return def;
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        problem(section + "." + key, "expected a whole number, got " + v);
        return def;
      }
      if (v.intValue() < min) {
        problem(section + "." + key, "must be >= " + min + ", got " + v.intValue());
        return def;
      }
      return v.intValue();
    }

    double[] doubles(JsonNode n, String section, String key) {
      JsonNode v = n == null ? null : n.get(key);
      if (v == null || v.isNull()) return null;
      if (!v.isArray()) {
        problem(section + "." + key, "expected a list of numbers such as [1.0, 0.5, 0.1]");
        return null;
      }
      double[] out = new double[v.size()];
      for (int i = 0; i < out.length; i++) {
        if (!v.get(i).isNumber() || v.get(i).doubleValue() < 0) {
          problem(section + "." + key, "element " + (i + 1) + " must be a number >= 0, got " + v.get(i));
          return null;
        }
        out[i] = v.get(i).doubleValue();
      }
      return out;
    }
  }
}
