package org.tumen.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tumen.engine.RandomStream;
import org.tumen.scenario.Parameter;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Prior;

/**
 * The space calibration searches: every {@code calibrate} parameter with its prior. Particles live on the
 * prior's own scale ("internal" coordinates: the logarithm for log-uniform priors), where every prior is
 * uniform on a box; this keeps the MCMC proposal symmetric and the prior density constant.
 */
public record ParameterSpace(List<String> names, List<Prior> priors) {
  public ParameterSpace {
    names = List.copyOf(names);
    priors = List.copyOf(priors);
  }

  public static ParameterSpace of(ParameterSet parameters) {
    return of(parameters, List.of());
  }

  /**
   * The calibrate parameters whose names match one of the patterns ('*' matches any run of characters;
   * "brokers.*" or "crossing.female_ratio@*"); all of them when there are no patterns. The others keep
   * their scenario values: with a few dozen runs per parameter, a smaller space is what can be learnt.
   */
  public static ParameterSpace of(ParameterSet parameters, List<String> patterns) {
    List<java.util.regex.Pattern> regex = patterns.stream()
        .map(g -> java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(g).replace("*", "\\E.*\\Q"))).toList();
    List<String> names = new ArrayList<>();
    List<Prior> priors = new ArrayList<>();
    for (Parameter p : parameters.calibrated()) {
      if (!regex.isEmpty() && regex.stream().noneMatch(r -> r.matcher(p.name()).matches())) continue;
      names.add(p.name());
      priors.add(p.prior());
    }
    return new ParameterSpace(names, priors);
  }

  public int dimension() {
    return names.size();
  }

  public double lower(int j) {
    Prior p = priors.get(j);
    return p.log() ? Math.log(p.min()) : p.min();
  }

  public double upper(int j) {
    Prior p = priors.get(j);
    return p.log() ? Math.log(p.max()) : p.max();
  }

  public double toNatural(int j, double internal) {
    return priors.get(j).log() ? Math.exp(internal) : internal;
  }

  public double toInternal(int j, double natural) {
    return priors.get(j).log() ? Math.log(natural) : natural;
  }

  public double[] toNatural(double[] internal) {
    double[] v = new double[internal.length];
    // exp(log(x)) can land a hair outside [min, max]; clamp so the value is always allowed.
    for (int j = 0; j < v.length; j++) {
      Prior p = priors.get(j);
      v[j] = Math.min(p.max(), Math.max(p.min(), toNatural(j, internal[j])));
    }
    return v;
  }

  /** A draw from the prior: uniform on the box in internal coordinates. */
  public double[] samplePrior(RandomStream rng) {
    double[] x = new double[dimension()];
    for (int j = 0; j < x.length; j++) x[j] = lower(j) + rng.nextDouble() * (upper(j) - lower(j));
    return x;
  }

  public boolean inside(double[] internal) {
    for (int j = 0; j < internal.length; j++) if (internal[j] < lower(j) || internal[j] > upper(j)) return false;
    return true;
  }

  /** A particle as parameter overrides on the natural scale. */
  public Map<String, Double> overrides(double[] internal) {
    double[] v = toNatural(internal);
    Map<String, Double> m = new LinkedHashMap<>();
    for (int j = 0; j < v.length; j++) m.put(names.get(j), v[j]);
    return m;
  }

  /** Describes the space: what a checkpoint must match to be resumed. */
  public String fingerprint() {
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < names.size(); j++) {
      Prior p = priors.get(j);
      s.append(names.get(j)).append('[').append(p.min()).append(',').append(p.max()).append(p.log() ? ",log" : "").append("];");
    }
    return s.toString();
  }
}
