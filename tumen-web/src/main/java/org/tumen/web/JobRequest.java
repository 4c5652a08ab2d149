package org.tumen.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user asks the server to run (the body of {@code POST /api/jobs}).
 *
 * <ul>
 *   <li>{@code run}: one simulation of {@code scenario} with {@code overrides} and {@code seed};
 *   <li>{@code ensemble}: {@code runs} simulations with seeds {@code seed}, {@code seed + 1}, ...;
 *   <li>{@code compare}: the same seeds for each of {@code variants} (a scenario with its own overrides),
 *       so that differences between variants are paired run by run.
 * </ul>
 *
 * <p>{@code dated} levers take effect on a date ({@link DatedLever}); {@code overrides} hold from the start.
 * A saved experiment (the dashboard's "Save experiment") is this request as JSON.
 */
record JobRequest(String kind, String scenario, Map<String, Double> overrides, List<DatedLever> dated, Integer runs,
    Long seed, List<Variant> variants, String note) {
  static final int MAX_RUNS = 50;
  static final int MAX_VARIANTS = 4;
  static final int MAX_TOTAL = 120;

  /** One arm of a comparison. */
  record Variant(String label, String scenario, Map<String, Double> overrides, List<DatedLever> dated) {
    Variant {
      dated = dated == null ? List.of() : List.copyOf(dated);
    }
  }

  /** The request made explicit: what to run, or a 400 that says what is wrong. */
  record Plan(String kind, List<Variant> variants, int runs, Long seed, String note) {
    int total() {
      return variants.size() * runs;
    }
  }

  Plan plan() {
    String k = kind == null ? "run" : kind;
    int n = runs == null ? (k.equals("run") ? 1 : 10) : runs;
    if (n < 1 || n > MAX_RUNS) throw ApiException.badRequest("runs must be between 1 and " + MAX_RUNS + ", got " + n);
    if (note != null && note.length() > 500) throw ApiException.badRequest("note is longer than 500 characters");
    List<Variant> vs = new ArrayList<>();
    switch (k) {
      case "run", "ensemble" -> {
        if (k.equals("run") && n != 1) throw ApiException.badRequest("a run has runs = 1; ask for an ensemble");
        if (scenario == null) throw ApiException.badRequest("scenario is missing");
        vs.add(new Variant(scenario, scenario, clean(overrides), dated));
      }
      case "compare" -> {
        if (variants == null || variants.size() < 2 || variants.size() > MAX_VARIANTS) {
          throw ApiException.badRequest("a comparison needs 2 to " + MAX_VARIANTS + " variants");
        }
        for (int i = 0; i < variants.size(); i++) {
          Variant v = variants.get(i);
          if (v == null || v.scenario() == null) throw ApiException.badRequest("variant " + (i + 1) + " has no scenario");
          String label = v.label() == null || v.label().isBlank() ? "variant " + (char) ('A' + i) : v.label().strip();
          if (label.length() > 60) throw ApiException.badRequest("variant label longer than 60 characters");
          for (Variant seen : vs) if (seen.label().equals(label)) throw ApiException.badRequest("two variants are labelled '" + label + "'");
          vs.add(new Variant(label, v.scenario(), clean(v.overrides()), v.dated()));
        }
      }
      default -> throw ApiException.badRequest("kind must be run, ensemble or compare, got '" + k + "'");
    }
    if (vs.size() * n > MAX_TOTAL) {
      throw ApiException.badRequest("at most " + MAX_TOTAL + " simulations per job; asked for " + vs.size() * n);
    }
    return new Plan(k, vs, n, seed, note);
  }

  private static Map<String, Double> clean(Map<String, Double> o) {
    if (o == null) return Map.of();
    if (o.size() > 500) throw ApiException.badRequest("too many overrides");
    return new LinkedHashMap<>(o);
  }
}
