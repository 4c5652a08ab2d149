package org.tumen.report;

import java.util.Locale;
import java.util.Map;
import org.tumen.Simulation;
import org.tumen.korea.KoreaTally;

/** Simulated against observed, as text for the terminal. */
public final class Comparison {
  public static final int FROM = 1996, TO = Observed.LAST_CALIBRATION_YEAR;

  private Comparison() {}

  public static String arrivalsTable(Simulation.Result r, Observed obs) {
    KoreaTally t = r.tally();
    Map<String, double[]> y = t.yearly();
    double[] sim = y.get("arrived_south_korea"), simF = y.get("arrived_south_korea_female");
    double[] hid = y.get("hiding_in_china");
    int first = t.firstYear();
    StringBuilder s = new StringBuilder();
    s.append("Arrivals in South Korea, simulated (seed ").append(r.seed()).append(") vs observed\n");
    s.append(String.format(Locale.ROOT, "%-6s %9s %9s %8s %9s %9s %12s%n", "year", "observed", "simulated", "error",
        "obs %fem", "sim %fem", "hiding (sim)"));
    for (int year = FROM; year <= TO; year++) {
      double[] o = obs.arrivals().get(year);
      int i = year - first;
      if (i < 0 || i >= sim.length) continue;
      String observed = o == null ? "-" : num(o[0]);
      String err = o == null || o[0] == 0 ? "-" : String.format(Locale.ROOT, "%+.0f%%", 100 * (sim[i] - o[0]) / o[0]);
      String obsF = o == null || Double.isNaN(o[2]) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * o[2] / o[0]);
      String simFem = sim[i] == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * simF[i] / sim[i]);
      s.append(String.format(Locale.ROOT, "%-6d %9s %9s %8s %9s %9s %12s%n", year, observed, num(sim[i]), err, obsF, simFem,
          num(hid[i])));
    }
    s.append(String.format(Locale.ROOT, "MAPE 1996-2011: %.1f%%   MAPE 2001-2011: %.1f%%   ARD (Flee's, by sex where known) 1996-2011: %.3f%n",
        Metrics.mape(obs.arrivals(), sim, first, FROM, TO), Metrics.mape(obs.arrivals(), sim, first, 2001, TO),
        Metrics.ard(obs.arrivals(), sim, simF, first, FROM, TO)));
    if (!obs.hidden().isEmpty()) {
      s.append("People hiding in China at year end, simulated vs estimates:");
      for (var e : obs.hidden().entrySet()) {
        int i = e.getKey() - first;
        if (i < 0 || i >= hid.length) continue;
        double v = hid[i];
        boolean inside = v >= e.getValue()[0] && v <= e.getValue()[1];
        s.append(String.format(Locale.ROOT, "  %d: %s (estimate %s-%s%s)", e.getKey(), num(v), num(e.getValue()[0]),
            num(e.getValue()[1]), inside ? ", inside" : ", outside"));
      }
      s.append('\n');
    }
    return s.toString();
  }

  public static String ledger(Simulation.Result r) {
    StringBuilder s = new StringBuilder("Of every 100 people who crossed (by period of first crossing), where they are at the end:\n");
    s.append(String.format(Locale.ROOT, "%-10s %-7s %9s %8s %8s %8s %9s %6s %9s %11s %8s %9s%n", "crossed", "sex", "people",
        "in SK", "in China", "at home", "NK detent", "died", "executed", "repatriated", "kyohwaso", "kwanliso"));
    for (KoreaTally.LedgerRow l : r.tally().ledger(RunOutputs.LEDGER_PERIODS)) {
      double c = Math.max(1, l.crossed());
      s.append(String.format(Locale.ROOT, "%-10s %-7s %9d %8.1f %8.1f %8.1f %9.1f %6.1f %9.1f %11.1f %8.1f %9.1f%n",
          l.fromYear() + "-" + (l.toYear() % 100 < 10 ? "0" : "") + l.toYear() % 100, l.sex(), l.crossed(),
          100 * l.reachedSouthKorea() / c, 100 * l.stillInChina() / c, 100 * l.backHome() / c, 100 * l.inNkDetention() / c,
          100 * l.died() / c, 100 * l.executed() / c, 100 * l.everRepatriated() / c, 100 * l.worstKyohwaso() / c,
          100 * l.worstKwanliso() / c));
    }
    return s.toString();
  }

  /**
   * For a collapse: people in China by province and place 7, 30 and 90 days after it, and how many crossed
   * and were turned back since. Empty when the scenario has no collapse.
   */
  public static String collapseReport(Simulation.Result r) {
    var snaps = r.tally().snapshots();
    if (snaps.isEmpty()) return "";
    var flows = r.tally().snapshotFlows();
    int before = snaps.keySet().iterator().next();
    long[] base = snaps.get(before), baseFlows = flows.get(before);
    var places = r.scenario().places();
    int crossed = KoreaTally.FLOWS.indexOf("crossed"), turned = KoreaTally.FLOWS.indexOf("turned_back_by_china");
    int captured = KoreaTally.FLOWS.indexOf("captured_at_border");
    StringBuilder s = new StringBuilder("Collapse on " + r.scenario().calendar().date(before + 1) + ": people in China by province and place\n");
    s.append(String.format(Locale.ROOT, "%-28s %12s", "", "before"));
    for (int d : snaps.keySet()) if (d != before) s.append(String.format(Locale.ROOT, " %12s", "day " + (d - before)));
    s.append('\n');
    java.util.Map<String, java.util.List<Integer>> byProvince = new java.util.TreeMap<>();
    for (int p = 0; p < places.size(); p++) {
      String kind = places.place(p).kind();
      if (!kind.startsWith("china") && !kind.equals("mission")) continue;
      String prov = r.scenario().placeAttributes().get(p).getOrDefault("province", "");
      byProvince.computeIfAbsent(prov.isEmpty() ? places.place(p).country() : prov, k -> new java.util.ArrayList<>()).add(p);
    }
    for (var e : byProvince.entrySet()) {
      line(s, e.getKey(), snaps, e.getValue());
      for (int p : e.getValue()) line(s, "  " + places.place(p).name(), snaps, java.util.List.of(p));
    }
    s.append(String.format(Locale.ROOT, "%-28s %12s", "crossed since the collapse", "-"));
    for (int d : snaps.keySet()) if (d != before) s.append(String.format(Locale.ROOT, " %12s", num(flows.get(d)[crossed] - baseFlows[crossed])));
    s.append('\n').append(String.format(Locale.ROOT, "%-28s %12s", "turned back by China", "-"));
    for (int d : snaps.keySet()) if (d != before) s.append(String.format(Locale.ROOT, " %12s", num(flows.get(d)[turned] - baseFlows[turned])));
    s.append('\n').append(String.format(Locale.ROOT, "%-28s %12s", "caught by NK guards", "-"));
    for (int d : snaps.keySet()) if (d != before) s.append(String.format(Locale.ROOT, " %12s", num(flows.get(d)[captured] - baseFlows[captured])));
    return s.append('\n').toString();
  }

  private static void line(StringBuilder s, String label, java.util.Map<Integer, long[]> snaps, java.util.List<Integer> places) {
    s.append(String.format(Locale.ROOT, "%-28s", label));
    for (long[] st : snaps.values()) {
      long sum = 0;
      for (int p : places) sum += st[p];
      s.append(String.format(Locale.ROOT, " %12s", num(sum)));
    }
    s.append('\n');
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
