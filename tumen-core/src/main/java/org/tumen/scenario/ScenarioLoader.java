package org.tumen.scenario;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tumen.engine.PlaceGraph;
import org.tumen.engine.SimCalendar;

/**
 * Reads a scenario folder: {@code scenario.yaml} plus its CSV tables. Strict: every problem found is
 * collected (file, line, key, what was expected) and thrown together as {@link InvalidInputException}.
 *
 * <p>Every number is a parameter mapping with a {@code value} and a {@code source}, or a
 * {@code calibrate} prior (or both). A yearly series gives {@code knots: {year: value, ...}} instead of
 * a value.
 */
public final class ScenarioLoader {
  public static final String FILE = "scenario.yaml";
  private static final Set<String> PLACE_REQUIRED = Set.of("name", "kind", "country", "latitude", "longitude", "source");
  private static final Set<String> PLACE_OPTIONAL = Set.of("province", "note");
  private static final Set<String> ROUTE_REQUIRED = Set.of("from", "to", "km", "mode", "method");
  private static final Set<String> ROUTE_OPTIONAL = Set.of("note");
  private static final Set<String> TIMELINE_REQUIRED = Set.of("start", "end", "event", "kind", "parameter", "effect", "value", "source");
  /** Scenario-defined numbers that timeline rows refer to; their unit is given in the file. */
  public static final String FREE_GROUP = "effects";

  private final Map<String, RuleSet> ruleSets = new HashMap<>();
  private final boolean posteriors;

  public ScenarioLoader(List<RuleSet> known) {
    this(known, true);
  }

  private ScenarioLoader(List<RuleSet> known, boolean posteriors) {
    for (RuleSet r : known) ruleSets.put(r.name(), r);
    this.posteriors = posteriors;
  }

  /**
   * A loader that leaves out {@code posterior:} files (the key is still checked): scenarios load with the
   * values written in them, as before calibration. Calibration starts from these, so that rerunning it on a
   * calibrated scenario gives the same posterior.
   */
  public ScenarioLoader withoutPosteriors() {
    return new ScenarioLoader(List.copyOf(ruleSets.values()), false);
  }

  public Scenario load(Path dir) {
    Problems problems = new Problems();
    Path yaml = dir.resolve(FILE);
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir.toString(), 0, "", "not a folder; expected a scenario folder with " + FILE);
    }
    if (!Files.isRegularFile(yaml)) {
      throw new InvalidInputException(yaml.toString(), 0, "", "file not found; a scenario folder must contain " + FILE);
    }
    String yamlName = dir.getFileName() + "/" + FILE;
    YamlMap root;
    try (Reader r = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
      root = YamlMap.parse(yamlName, r, problems);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(yamlName, 0, "", "cannot read: " + e.getMessage());
    }
    problems.throwIfAny();
    if (root.has("base")) return loadVariant(dir, root, problems);

    String name = root.string("name", true);
    String description = root.string("description", false);
    String modelName = root.string("model", true);
    RuleSet rules = modelName == null ? null : ruleSets.get(modelName);
    if (modelName != null && rules == null) {
      problems.add(yamlName, root.lineOf("model"), "model", "unknown model '" + modelName + "'; expected one of " + ruleSets.keySet());
    }
    SimCalendar calendar = readPeriod(root, problems);
    double seedValue = root.number("seed", true);
    long seed = Double.isNaN(seedValue) ? 0 : (long) seedValue;

    YamlMap tablesMap = root.map("tables", true);
    Map<String, Path> tablePaths = new TreeMap<>();
    List<TableSpec> specs = new ArrayList<>();
    specs.add(new TableSpec("places", PLACE_REQUIRED, PLACE_OPTIONAL, "places"));
    specs.add(new TableSpec("routes", ROUTE_REQUIRED, ROUTE_OPTIONAL, "routes between places"));
    specs.add(new TableSpec("timeline", TIMELINE_REQUIRED, Set.of(), "dated events and their effects"));
    if (rules != null) specs.addAll(rules.tables());
    Map<String, CsvTable> tables = new LinkedHashMap<>();
    if (tablesMap != null) {
      for (TableSpec spec : specs) {
        CsvTable t = readTable(dir, tablesMap, spec, true, tablePaths, problems);
        if (t != null) tables.put(spec.key(), t);
      }
      tablesMap.finish();
    }

    Map<String, Path> observed = new TreeMap<>();
    YamlMap obs = root.map("observed", false);
    if (obs != null) {
      for (String k : obs.keys()) {
        String f = obs.string(k, true);
        if (f == null) continue;
        Path p = resolve(dir, f, problems, yamlName, obs.lineOf(k), "observed." + k);
        if (p == null) continue;
        if (!Files.isRegularFile(p)) {
          problems.add(yamlName, obs.lineOf(k), "observed." + k, "file not found: " + f);
        } else {
          observed.put(k, p);
        }
      }
      obs.finish();
    }

    ParameterSet parameters = readParameters(root.map("parameters", true), rules, true, problems);
    // A calibrated scenario names its posterior samples (written by `tumen calibrate`); it runs with the
    // best particle (Posterior.best), and posterior predictive commands draw from all of them.
    Posterior posterior = null;
    String posteriorFile = root.string("posterior", false);
    if (posteriorFile != null && posteriors) {
      Path p = dir.resolve(posteriorFile).normalize();
      if (!p.startsWith(dir.normalize())) {
        problems.add(yamlName, root.lineOf("posterior"), "posterior", "must name a file inside the scenario folder");
      } else {
        tablePaths.put("posterior", p);
        posterior = Posterior.read(p, dir.getFileName() + "/" + posteriorFile, parameters, problems);
        if (posterior != null) {
          parameters = parameters.withOverrides(posterior.particle(posterior.best()), dir.getFileName() + "/" + posteriorFile);
        }
      }
    }
    root.finish();

    PlaceGraph.Builder graph = PlaceGraph.builder();
    List<Map<String, String>> placeAttributes = new ArrayList<>();
    if (tables.containsKey("places")) readPlaces(tables.get("places"), rules, graph, placeAttributes);
    List<String> routeModes = new ArrayList<>();
    if (tables.containsKey("routes")) readRoutes(tables.get("routes"), graph, routeModes);
    List<TimelineEvent> timeline = tables.containsKey("timeline")
        ? readTimeline(tables.get("timeline"), parameters, rules, calendar, problems) : List.of();
    problems.throwIfAny();

    Scenario s = new Scenario(dir, name, description == null ? "" : description, rules, calendar, seed, graph.build(),
        placeAttributes, routeModes, parameters, timeline, tables, observed, posterior, hash(yaml, tablePaths, ""));
    rules.check(s, problems);
    problems.throwIfAny();
    return s;
  }

  /**
   * A variant: {@code base: ../korea} names the scenario it starts from; the variant may change the period,
   * the seed, any parameters (each replaces the base's whole entry), add timeline events (its
   * {@code tables.timeline} is appended to the base's) and replace the rule set's own tables.
   */
  private Scenario loadVariant(Path dir, YamlMap root, Problems problems) {
    String yamlName = root.file();
    String baseRel = root.string("base", true);
    Path baseDir = baseRel == null ? null : resolve(dir, baseRel, problems, yamlName, root.lineOf("base"), "base");
    if (baseDir == null) problems.throwIfAny();
    if (baseDir == null || baseDir.equals(dir.normalize()) || !Files.isRegularFile(baseDir.resolve(FILE))) {
      problems.add(yamlName, root.lineOf("base"), "base", "must name another scenario folder (with " + FILE + "), got '" + baseRel + "'");
      problems.throwIfAny();
    }
    if (++depth > 4) {
      depth = 0;
      throw new InvalidInputException(yamlName, root.lineOf("base"), "base", "variants nest more than 4 deep (a cycle?)");
    }
    Scenario base;
    try {
      base = load(baseDir);
    } finally {
      depth--;
    }
    RuleSet rules = base.rules();
    String name = root.string("name", true);
    String description = root.string("description", false);
    SimCalendar calendar = root.has("period") ? readPeriod(root, problems) : base.calendar();
    double seedValue = root.number("seed", false);
    long seed = Double.isNaN(seedValue) ? base.seed() : (long) seedValue;
    Map<String, CsvTable> tables = new LinkedHashMap<>(base.tables());
    Map<String, Path> ownFiles = new TreeMap<>();
    CsvTable extraTimeline = null;
    YamlMap tablesMap = root.map("tables", false);
    if (tablesMap != null) {
      List<TableSpec> specs = new ArrayList<>(rules.tables());
      specs.add(new TableSpec("timeline", TIMELINE_REQUIRED, Set.of(), "dated events added to the base's"));
      for (TableSpec spec : specs) {
        CsvTable t = readTable(dir, tablesMap, spec, false, ownFiles, problems);
        if (t == null) continue;
        if (spec.key().equals("timeline")) extraTimeline = t;
        else tables.put(spec.key(), t);
      }
      tablesMap.finish();
    }
    List<Parameter> merged = new ArrayList<>(base.parameters().all());
    YamlMap paramsMap = root.map("parameters", false);
    java.util.Set<String> replaced = new java.util.HashSet<>();
    if (paramsMap != null) {
      ParameterSet own = readParameters(paramsMap, rules, false, problems);
      for (Parameter p : own.all()) replaced.add(p.base());
      merged.removeIf(p -> replaced.contains(p.base()));
      merged.addAll(own.all());
    }
    ParameterSet parameters = new ParameterSet(merged);
    root.finish();
    List<TimelineEvent> timeline = new ArrayList<>(base.timeline());
    if (extraTimeline != null) timeline.addAll(readTimeline(extraTimeline, parameters, rules, calendar, problems));
    problems.throwIfAny();
    Path yaml = dir.resolve(FILE);
    Map<String, Path> hashed = new TreeMap<>(ownFiles);
    String hash = hash(yaml, hashed, base.contentHash());
    Scenario s = new Scenario(dir, name, description == null ? base.description() : description, rules, calendar, seed,
        base.places(), base.placeAttributes(), base.routeModes(), parameters, List.copyOf(timeline), tables,
        base.observed(), base.posterior() == null ? null : base.posterior().without(replaced), hash);
    rules.check(s, problems);
    problems.throwIfAny();
    return s;
  }

  private int depth;

  /**
   * Reads the table named under {@code tables.KEY}, which must be a file inside the scenario folder; records
   * its path in {@code paths} (for the content hash). Null when it is not given or cannot be used.
   */
  private static CsvTable readTable(Path dir, YamlMap tablesMap, TableSpec spec, boolean required, Map<String, Path> paths,
      Problems problems) {
    String key = "tables." + spec.key();
    String file = tablesMap.string(spec.key(), required);
    if (file == null) return null;
    Path p = resolve(dir, file, problems, tablesMap.file(), tablesMap.lineOf(spec.key()), key);
    if (p == null) return null;
    if (!p.startsWith(dir.normalize())) {
      problems.add(tablesMap.file(), tablesMap.lineOf(spec.key()), key, "must name a file inside the scenario folder");
      return null;
    }
    paths.put(spec.key(), p);
    return CsvTable.read(p, dir.getFileName() + "/" + file, spec.required(), spec.optional(), problems);
  }

  private static SimCalendar readPeriod(YamlMap root, Problems problems) {
    YamlMap period = root.map("period", true);
    if (period == null) return new SimCalendar(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1));
    LocalDate start = date(period, "start", problems), end = date(period, "end", problems);
    period.finish();
    if (start == null || end == null) return new SimCalendar(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1));
    if (end.isBefore(start)) {
      problems.add(period.file(), period.lineOf("end"), "period.end", "ends (" + end + ") before it starts (" + start + ")");
      return new SimCalendar(start, start);
    }
    return new SimCalendar(start, end);
  }

  private static LocalDate date(YamlMap m, String key, Problems problems) {
    String s = m.string(key, true);
    if (s == null) return null;
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      problems.add(m.file(), m.lineOf(key), m.qualify(key), "expected a date yyyy-mm-dd, got '" + s + "'");
      return null;
    }
  }

  private static ParameterSet readParameters(YamlMap params, RuleSet rules, boolean requireAll, Problems problems) {
    List<Parameter> out = new ArrayList<>();
    if (params == null) return new ParameterSet(out);
    Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    if (rules != null) for (ParameterSpec s : rules.parameters()) specs.put(s.name(), s);
    Set<String> seen = new java.util.HashSet<>();
    for (String group : params.keys()) {
      YamlMap g = params.map(group, true);
      if (g == null) continue;
      for (String key : g.keys()) {
        String full = group + "." + key;
        YamlMap p = g.map(key, true);
        if (p == null) continue;
        ParameterSpec spec = specs.get(full);
        boolean free = group.equals(FREE_GROUP);
        if (spec == null && !free && rules != null) {
          problems.add(p.file(), g.lineOf(key), full, "unknown parameter" + Suggestions.didYouMean(full, specs.keySet(), 3));
          p.finish();
          continue;
        }
        seen.add(full);
        readParameter(p, full, spec, problems, out);
      }
      g.finish();
    }
    params.finish();
    for (String required : requireAll ? specs.keySet() : Set.<String>of()) {
      if (!seen.contains(required)) {
        problems.add(params.file(), params.line(), "parameters." + required, "missing; the " + (rules == null ? "" : rules.name())
            + " rules need it (" + specs.get(required).meaning() + ", " + specs.get(required).unit().label + ")");
      }
    }
    return new ParameterSet(out);
  }

  private static void readParameter(YamlMap p, String name, ParameterSpec spec, Problems problems, List<Parameter> out) {
    String unitLabel = p.string("unit", spec == null);
    Unit unit = spec == null ? null : spec.unit();
    if (unitLabel != null) {
      Unit given = Unit.byLabel(unitLabel);
      if (given == null) {
        problems.add(p.file(), p.lineOf("unit"), name + ".unit", "unknown unit '" + unitLabel + "'; expected one of " + labels());
      } else if (unit != null && given != unit) {
        problems.add(p.file(), p.lineOf("unit"), name + ".unit", "is " + given.label + " but the rules measure this in " + unit.label);
      } else {
        unit = given;
      }
    }
    String source = p.string("source", false);
    if (source != null && source.isBlank()) {
      problems.add(p.file(), p.lineOf("source"), name + ".source", "is empty; cite where the number comes from");
      source = null;
    }
    p.string("note", false);
    Prior prior = null;
    YamlMap cal = p.map("calibrate", false);
    if (cal != null) {
      double min = cal.number("min", true), max = cal.number("max", true);
      String scale = cal.string("scale", false);
      cal.finish();
      boolean log = "log".equals(scale);
      if (scale != null && !scale.equals("log") && !scale.equals("linear")) {
        problems.add(p.file(), cal.lineOf("scale"), name + ".calibrate.scale", "expected log or linear, got '" + scale + "'");
      }
      if (!Double.isNaN(min) && !Double.isNaN(max)) {
        if (!(min < max)) {
          problems.add(p.file(), cal.line(), name + ".calibrate", "min (" + min + ") must be below max (" + max + ")");
        } else if (log && min <= 0) {
          problems.add(p.file(), cal.line(), name + ".calibrate", "a log-scale prior needs min > 0");
        } else if (unit != null && (!unit.allows(min) || !unit.allows(max))) {
          problems.add(p.file(), cal.line(), name + ".calibrate", "the prior must lie within the unit's range: " + unit.label + " " + unit.range());
        } else {
          prior = new Prior(min, max, log);
        }
      }
    }
    if (source == null && cal == null) {
      problems.add(p.file(), p.line(), name, "needs a source (where the number comes from) or a calibrate prior");
    }
    Unit u = unit == null ? Unit.MULTIPLIER : unit;
    if (p.has("knots")) {
      if (p.has("value")) problems.add(p.file(), p.lineOf("value"), name, "give either value or knots, not both");
      p.string("value", false);
      YamlMap knots = p.map("knots", true);
      if (knots != null) {
        for (String y : knots.keys()) {
          int year;
          try {
            year = Integer.parseInt(y);
          } catch (NumberFormatException e) {
            problems.add(p.file(), knots.lineOf(y), name + ".knots." + y, "expected a year as key");
            knots.number(y, false);
            continue;
          }
          double v = knots.number(y, true);
          if (checkValue(v, u, prior, p.file(), knots.lineOf(y), name + "@" + year, problems)) {
            out.add(new Parameter(name + "@" + year, name, year, u, v, prior, source, p.file(), knots.lineOf(y)));
          }
        }
        knots.finish();
        if (knots.keys().isEmpty()) problems.add(p.file(), p.lineOf("knots"), name + ".knots", "needs at least one year: value");
      }
    } else {
      double v = p.number("value", true);
      if (checkValue(v, u, prior, p.file(), p.lineOf("value"), name, problems)) {
        out.add(new Parameter(name, name, 0, u, v, prior, source, p.file(), p.lineOf("value")));
      }
    }
    p.finish();
  }

  private static boolean checkValue(double v, Unit u, Prior prior, String file, int line, String name, Problems problems) {
    if (Double.isNaN(v)) return false;
    if (!u.allows(v)) {
      problems.add(file, line, name, "value " + v + " is impossible for a " + u.label + "; expected " + u.range());
      return false;
    }
    if (prior != null && !prior.contains(v)) {
      problems.add(file, line, name, "value " + v + " lies outside its calibrate prior [" + prior.min() + ", " + prior.max() + "]");
      return false;
    }
    return true;
  }

  private static void readPlaces(CsvTable t, RuleSet rules, PlaceGraph.Builder graph, List<Map<String, String>> attrs) {
    for (CsvTable.Row r : t.rows()) {
      String name = r.requiredText("name");
      String kind = r.requiredText("kind");
      String country = r.requiredText("country");
      double lat = r.number("latitude", -90, 90), lon = r.number("longitude", -180, 180);
      r.requiredText("source");
      if (rules != null && !kind.isEmpty() && !rules.placeKinds().contains(kind)) {
        r.problem("kind", "unknown place kind '" + kind + "'; expected one of " + new java.util.TreeSet<>(rules.placeKinds()));
      }
      if (name.isEmpty()) continue;
      if (graph.hasPlace(name)) {
        r.problem("name", "place '" + name + "' is given twice");
        continue;
      }
      graph.addPlace(new PlaceGraph.Place(name, kind, country, lat, lon));
      Map<String, String> a = new TreeMap<>();
      a.put("province", r.text("province"));
      attrs.add(a);
    }
  }

  private static void readRoutes(CsvTable t, PlaceGraph.Builder graph, List<String> modes) {
    for (CsvTable.Row r : t.rows()) {
      String from = r.requiredText("from"), to = r.requiredText("to");
      double km = r.number("km", 0, 40_000);
      String mode = r.requiredText("mode");
      r.requiredText("method");
      boolean ok = !Double.isNaN(km) && !from.isEmpty() && !to.isEmpty();
      if (!from.isEmpty() && !graph.hasPlace(from)) {
        r.problem("from", "unknown place '" + from + "'; every route end must be a place in places.csv");
        ok = false;
      }
      if (!to.isEmpty() && !graph.hasPlace(to)) {
        r.problem("to", "unknown place '" + to + "'; every route end must be a place in places.csv");
        ok = false;
      }
      if (ok && from.equals(to)) {
        r.problem("to", "a route must join two different places");
        ok = false;
      }
      if (ok) {
        graph.addRoute(from, to, km);
        modes.add(mode);
      }
    }
  }

  private static List<TimelineEvent> readTimeline(CsvTable t, ParameterSet params, RuleSet rules, SimCalendar cal,
      Problems problems) {
    List<TimelineEvent> out = new ArrayList<>();
    Set<String> modelParams = new java.util.HashSet<>();
    if (rules != null) for (ParameterSpec s : rules.parameters()) modelParams.add(s.name());
    for (CsvTable.Row r : t.rows()) {
      LocalDate start = r.date("start", true), end = r.date("end", false);
      String event = r.requiredText("event"), kind = r.requiredText("kind");
      r.requiredText("source");
      String parameter = r.text("parameter");
      String effectText = r.text("effect");
      String valueText = r.text("value");
      if (start != null && end != null && end.isBefore(start)) {
        r.problem("end", "ends (" + end + ") before it starts (" + start + ")");
        continue;
      }
      if (start == null) continue;
      if (parameter.isEmpty()) {
        if (!effectText.isEmpty() || !valueText.isEmpty()) r.problem("parameter", "an effect or value needs a parameter to act on");
        out.add(new TimelineEvent(r.line(), start, end, event, kind, null, null, Double.NaN, null, r.text("source")));
        continue;
      }
      if (!modelParams.contains(parameter)) {
        r.problem("parameter", "unknown parameter '" + parameter + "'" + Suggestions.didYouMean(parameter, modelParams, 3));
        continue;
      }
      TimelineEvent.Effect effect = switch (effectText) {
        case "multiply" -> TimelineEvent.Effect.MULTIPLY;
        case "set" -> TimelineEvent.Effect.SET;
        default -> {
          r.problem("effect", "expected multiply or set, got '" + effectText + "'");
          yield null;
        }
      };
      if (effect == null) continue;
      String ref = null;
      double value = Double.NaN;
      if (valueText.startsWith("$")) {
        ref = valueText.substring(1);
        Parameter p = params.get(ref);
        if (p == null) {
          r.problem("value", "refers to '" + ref + "', which is not a parameter in " + FILE);
          continue;
        }
      } else {
        value = r.number("value", -1e12, 1e12);
        if (Double.isNaN(value)) continue;
        if (effect == TimelineEvent.Effect.MULTIPLY && value < 0) {
          r.problem("value", "a multiplier must be at least 0");
          continue;
        }
      }
      out.add(new TimelineEvent(r.line(), start, end, event, kind, parameter, effect, value, ref, r.text("source")));
    }
    return out;
  }

  /**
   * {@code dir/name}, normalised; or null, with a problem, when {@code name} cannot be a file name on this system
   * (a NUL character, say).
   */
  private static Path resolve(Path dir, String name, Problems problems, String file, int line, String key) {
    try {
      return dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      problems.add(file, line, key, "not a usable file name: '" + name.replace("\0", "\\0") + "'");
      return null;
    }
  }

  private static String labels() {
    List<String> l = new ArrayList<>();
    for (Unit u : Unit.values()) l.add(u.label);
    return String.join(", ", l);
  }

  private static String hash(Path yaml, Map<String, Path> tables, String baseHash) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(baseHash.getBytes(StandardCharsets.UTF_8));
      md.update(Files.readAllBytes(yaml));
      for (var e : tables.entrySet()) {
        md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(e.getValue())) md.update(Files.readAllBytes(e.getValue()));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException("cannot hash the scenario", e);
    }
  }
}
