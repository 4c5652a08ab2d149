package org.tumen.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Problems;

/**
 * The grid of a parameter sweep: one axis per parameter, every combination a point. An axis is written
 * {@code name=lo:hi:steps} (steps values evenly spaced from lo to hi), {@code name=lo:hi:steps:log}
 * (evenly spaced in logarithm), or {@code name=v1,v2,...} (listed values), e.g.
 * {@code arrest.bribe_price_usd@2012=2000:20000:10} or {@code hiding.enforcement=0.5,1,2}. A sweep file
 * holds one axis per line; blank lines and lines starting with '#' are skipped.
 */
public record SweepGrid(List<Axis> axes) {
  public SweepGrid {
    axes = List.copyOf(axes);
  }

  /** One swept parameter and its values. */
  public record Axis(String name, List<Double> values) {
    public Axis {
      values = List.copyOf(values);
    }
  }

  /** Parses axes given on the command line, e.g. by repeated {@code --grid} options. */
  public static SweepGrid parse(List<String> tokens, String origin) {
    Problems problems = new Problems();
    List<Axis> axes = new ArrayList<>();
    for (String t : tokens) addAxis(axes, t, origin, 0, problems);
    problems.throwIfAny();
    return new SweepGrid(axes);
  }

  /** Reads a sweep file: one axis per line. */
  public static SweepGrid read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), 0, "", "cannot read the sweep file: " + e.getMessage());
    }
    Problems problems = new Problems();
    List<Axis> axes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      addAxis(axes, line, file.toString(), i + 1, problems);
    }
    if (problems.isEmpty() && axes.isEmpty()) problems.add(file.toString(), 0, "", "no axes; expected lines like name=lo:hi:steps");
    problems.throwIfAny();
    return new SweepGrid(axes);
  }

  private static void addAxis(List<Axis> axes, String token, String origin, int line, Problems problems) {
    Axis a = parseAxis(token, origin, line, problems);
    if (a == null) return;
    if (axes.stream().anyMatch(b -> b.name().equals(a.name()))) {
      problems.add(origin, line, token, "parameter " + a.name() + " is swept twice");
      return;
    }
    axes.add(a);
  }

  /** One axis, or null with a problem that names the token and what was expected. */
  static Axis parseAxis(String token, String origin, int line, Problems problems) {
    String t = token.strip();
    int eq = t.indexOf('=');
    if (eq <= 0 || eq == t.length() - 1) {
      problems.add(origin, line, token, "expected name=lo:hi:steps, name=lo:hi:steps:log or name=v1,v2,...");
      return null;
    }
    String name = t.substring(0, eq).strip(), spec = t.substring(eq + 1).strip();
    if (spec.contains(":")) {
      String[] f = spec.split(":", -1);
      boolean log = f.length == 4 && f[3].strip().equals("log");
      if (f.length != 3 && !log) {
        problems.add(origin, line, token, "a range is lo:hi:steps or lo:hi:steps:log, got '" + spec + "'");
        return null;
      }
      Double lo = number(f[0], token, origin, line, problems), hi = number(f[1], token, origin, line, problems);
      Integer steps = steps(f[2], token, origin, line, problems);
      if (lo == null || hi == null || steps == null) return null;
      if (log && (lo <= 0 || hi <= 0)) {
        problems.add(origin, line, token, "a log range needs positive ends, got " + f[0] + " and " + f[1]);
        return null;
      }
      return new Axis(name, range(lo, hi, steps, log));
    }
    List<Double> values = new ArrayList<>();
    for (String v : spec.split(",", -1)) {
      Double d = number(v, token, origin, line, problems);
      if (d == null) return null;
      values.add(d);
    }
    return new Axis(name, values);
  }

  static List<Double> range(double lo, double hi, int steps, boolean log) {
    List<Double> values = new ArrayList<>(steps);
    if (steps == 1) return List.of(lo);
    for (int i = 0; i < steps; i++) {
      double u = (double) i / (steps - 1);
      values.add(i == steps - 1 ? hi : log ? lo * Math.pow(hi / lo, u) : lo + u * (hi - lo));
    }
    return values;
  }

  private static Double number(String s, String token, String origin, int line, Problems problems) {
    try {
      double v = Double.parseDouble(s.strip().replace("_", ""));
      if (Double.isFinite(v)) return v;
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(origin, line, token, "'" + s.strip() + "' is not a number");
    return null;
  }

  private static Integer steps(String s, String token, String origin, int line, Problems problems) {
    try {
      int n = Integer.parseInt(s.strip());
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(origin, line, token, "steps must be a whole number of at least 1, got '" + s.strip() + "'");
    return null;
  }

  /** Number of grid points. */
  public int size() {
    int n = 1;
    for (Axis a : axes) n = Math.multiplyExact(n, a.values().size());
    return n;
  }

  /** Every combination, the first axis varying slowest; each point maps parameter names to values. */
  public List<Map<String, Double>> points() {
    List<Map<String, Double>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Axis a : axes) {
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> p : points) {
        for (double v : a.values()) {
          Map<String, Double> q = new LinkedHashMap<>(p);
          q.put(a.name(), v);
          next.add(q);
        }
      }
      points = next;
    }
    return points;
  }

  /**
   * Checks names and values against the scenario before any run starts: an unknown parameter or a value
   * its unit forbids (a probability above 1, ...) is reported for the whole grid at once.
   */
  public void check(ParameterSet parameters, String origin) {
    Problems problems = new Problems();
    for (Axis a : axes) {
      for (double v : a.values()) {
        try {
          parameters.withOverrides(Map.of(a.name(), v), origin);
        } catch (InvalidInputException e) {
          problems.addAll(e.problems());
          break; // one problem per axis is enough
        }
      }
    }
    problems.throwIfAny();
  }

  /**
   * The tasks: each point run {@code replicates} times with seeds {@code seed, seed + 1, ...}, the same
   * seeds at every point (common random numbers, so neighbouring points differ by their parameters, not
   * their luck). Task {@code p * replicates + r}; its draw is the point's number.
   */
  public List<RunTask> tasks(String scenario, int replicates, long seed, Map<String, Double> overrides) {
    List<RunTask> tasks = new ArrayList<>();
    List<Map<String, Double>> points = points();
    for (int p = 0; p < points.size(); p++) {
      for (int r = 0; r < replicates; r++) {
        Map<String, Double> parameters = new LinkedHashMap<>(overrides);
        parameters.putAll(points.get(p)); // the swept value wins over a fixed override of the same name
        tasks.add(new RunTask(tasks.size(), scenario, seed + r, p, parameters));
      }
    }
    return tasks;
  }
}
