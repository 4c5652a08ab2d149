package org.tumen.korea;

import java.util.List;
import org.tumen.engine.PlaceGraph;
import org.tumen.scenario.CsvTable;
import org.tumen.scenario.ParameterSet;
import org.tumen.scenario.Problems;

/**
 * The population at home as cohorts (home region x sex x age band x class background): 20-25 million
 * people without an object each. Read from population.csv (region, sex, age band) and split by the
 * class shares; the split keeps every row's total exact.
 */
record Cohorts(int[] region, boolean[] female, int[] ageBand, int[] background, long[] people) {
  static final List<String> AGE_BANDS = List.of("0-14", "15-64", "65+");
  static final int CHILD = 0, WORKING = 1, ELDERLY = 2;

  int size() {
    return people.length;
  }

  long total() {
    long t = 0;
    for (long p : people) t += p;
    return t;
  }

  static Cohorts read(CsvTable t, PlaceGraph places, ParameterSet params, Problems problems) {
    double[] shares = {params.value("population.share_core"), params.value("population.share_wavering"),
        params.value("population.share_hostile")};
    int rows = t.rows().size();
    int n = rows * 3;
    int[] region = new int[n], age = new int[n], bg = new int[n];
    boolean[] female = new boolean[n];
    long[] people = new long[n];
    int k = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (CsvTable.Row r : t.rows()) {
      String reg = r.requiredText("region"), sex = r.requiredText("sex"), band = r.requiredText("age_band");
      long count = r.wholeNumber("people", 0, 200_000_000L);
      r.requiredText("source");
      int place = places.indexOf(reg);
      if (!reg.isEmpty() && (place < 0 || !places.place(place).kind().equals("home_region"))) {
        r.problem("region", "'" + reg + "' is not a place of kind home_region in places.csv");
        continue;
      }
      if (!sex.equals("male") && !sex.equals("female")) {
        r.problem("sex", "expected male or female, got '" + sex + "'");
        continue;
      }
      int a = AGE_BANDS.indexOf(band);
      if (a < 0) {
        r.problem("age_band", "expected one of " + AGE_BANDS + ", got '" + band + "'");
        continue;
      }
      if (!seen.add(reg + "|" + sex + "|" + band)) {
        r.problem("region", "region " + reg + ", " + sex + ", " + band + " is given twice");
        continue;
      }
      // Largest-remainder split by class, so the row's people are all kept.
      long assigned = 0;
      double[] rem = new double[3];
      long[] part = new long[3];
      for (int b = 0; b < 3; b++) {
        double exact = count * shares[b];
        part[b] = (long) Math.floor(exact);
        rem[b] = exact - part[b];
        assigned += part[b];
      }
      while (assigned < count) {
        int best = 0;
        for (int b = 1; b < 3; b++) if (rem[b] > rem[best]) best = b;
        part[best]++;
        rem[best] = -1;
        assigned++;
      }
      for (int b = 0; b < 3; b++) {
        region[k] = place;
        female[k] = sex.equals("female");
        age[k] = a;
        bg[k] = b;
        people[k] = part[b];
        k++;
      }
    }
    return new Cohorts(java.util.Arrays.copyOf(region, k), java.util.Arrays.copyOf(female, k),
        java.util.Arrays.copyOf(age, k), java.util.Arrays.copyOf(bg, k), java.util.Arrays.copyOf(people, k));
  }
}
