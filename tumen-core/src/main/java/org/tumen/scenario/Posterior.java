package org.tumen.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weighted parameter samples from a calibration (a scenario's {@code posterior:} file): one row per particle,
 * columns {@code weight}, {@code distance} and one per calibrated parameter. A scenario with a posterior
 * runs with its maximum-weight (then smallest-distance) particle, and posterior predictive commands draw rows by weight.
 *
 * @param names parameter names, in column order
 * @param values values[particle][parameter], on the parameters' natural scale
 * @param weights normalised to sum to 1
 * @param distances each particle's ABC distance (NaN when unknown)
 */
public record Posterior(List<String> names, double[][] values, double[] weights, double[] distances) {
  public Posterior {
    names = List.copyOf(names);
    double sum = 0;
    for (double w : weights) sum += w;
    if (!(sum > 0)) throw new IllegalArgumentException("posterior weights must have a positive sum");
    double[] norm = new double[weights.length];
    for (int i = 0; i < weights.length; i++) norm[i] = weights[i] / sum;
    weights = norm;
  }

  public int size() {
    return weights.length;
  }

  /**
   * The particle with the largest weight; among equal weights (an equal-weight ABC-SMC sample) the one
   * closest to the observations; then the first, so the choice is stable.
   */
  public int best() {
    int b = 0;
    for (int i = 1; i < weights.length; i++) {
      if (weights[i] > weights[b] || (weights[i] == weights[b] && closer(distances[i], distances[b]))) b = i;
    }
    return b;
  }

  private static boolean closer(double a, double b) {
    return !Double.isNaN(a) && (Double.isNaN(b) || a < b);
  }

  /** One particle as parameter overrides. */
  public Map<String, Double> particle(int i) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int j = 0; j < names.size(); j++) m.put(names.get(j), values[i][j]);
    return m;
  }

  /**
   * The particles as equally likely parameter draws, restricted to {@code names} (all when null): in file
   * order when the weights are equal (an ABC-SMC sample), else as many rows resampled by weight
   * (systematic resampling, deterministic). Ensembles and comparisons cycle through them.
   */
  public List<Map<String, Double>> draws(Set<String> names) {
    int n = size();
    int[] rows = new int[n];
    boolean equal = true;
    for (double w : weights) equal &= Math.abs(w - weights[0]) < 1e-12;
    double c = weights[0];
    for (int k = 0, i = 0; k < n; k++) {
      if (equal) {
        rows[k] = k;
        continue;
      }
      double u = (k + 0.5) / n;
      while (u > c && i < n - 1) c += weights[++i];
      rows[k] = i;
    }
    List<Map<String, Double>> out = new ArrayList<>(n);
    for (int row : rows) {
      Map<String, Double> m = particle(row);
      if (names != null) m.keySet().retainAll(names);
      out.add(m);
    }
    return out;
  }

  /**
   * The same particles without the parameters whose base name is in {@code bases}: a variant that sets a
   * parameter itself keeps its own value in every posterior draw. Null if no parameter is left.
   */
  public Posterior without(Set<String> bases) {
    List<Integer> keep = new ArrayList<>();
    for (int j = 0; j < names.size(); j++) if (!bases.contains(names.get(j).split("@")[0])) keep.add(j);
    if (keep.isEmpty()) return null;
    double[][] v = new double[values.length][keep.size()];
    for (int i = 0; i < values.length; i++) for (int k = 0; k < keep.size(); k++) v[i][k] = values[i][keep.get(k)];
    return new Posterior(keep.stream().map(names::get).toList(), v, weights, distances);
  }

  /** Reads a posterior file; every column but weight and distance must name a parameter of {@code params}. */
  public static Posterior read(Path file, String label, ParameterSet params, Problems problems) {
    Set<String> optional = new HashSet<>(params.values().keySet());
    optional.add("distance");
    CsvTable t = CsvTable.read(file, label, Set.of("weight"), optional, problems);
    List<String> names = new ArrayList<>();
    for (String p : params.values().keySet()) if (t.hasColumn(p)) names.add(p);
    List<double[]> rows = new ArrayList<>();
    List<Double> w = new ArrayList<>(), d = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      double[] v = new double[names.size()];
      for (int j = 0; j < v.length; j++) v[j] = r.number(names.get(j), -Double.MAX_VALUE, Double.MAX_VALUE);
      rows.add(v);
      w.add(r.number("weight", 0, Double.MAX_VALUE));
      d.add(t.hasColumn("distance") && !r.text("distance").isEmpty() ? r.number("distance", 0, Double.MAX_VALUE) : Double.NaN);
    }
    if (rows.isEmpty()) problems.add(label, 1, "", "a posterior needs at least one particle (row)");
    if (!problems.isEmpty()) return null;
    return new Posterior(names, rows.toArray(new double[0][]), w.stream().mapToDouble(Double::doubleValue).toArray(),
        d.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Writes the file atomically (temporary file, then move), with full double precision. */
  public void write(Path file) {
    StringBuilder s = new StringBuilder("weight,distance");
    for (String n : names) s.append(',').append(n);
    s.append('\n');
    for (int i = 0; i < weights.length; i++) {
      s.append(weights[i]).append(',').append(Double.isNaN(distances[i]) ? "" : Double.toString(distances[i]));
      for (double v : values[i]) s.append(',').append(v);
      s.append('\n');
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.writeString(tmp, s.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
