package org.tumen.batch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.tumen.batch.PairedComparison.Difference;

/**
 * Draws paired differences per year as an SVG file: one panel per outcome, one colour per compared
 * scenario, the mean difference as a line and its 90% interval as a shaded band, zero marked. Plain SVG
 * text, readable in any browser, no chart library.
 */
public final class DifferenceChart {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  private static final int PANEL_W = 420, PANEL_H = 220, COLUMNS = 2, MARGIN_L = 70, MARGIN_T = 40, GAP = 30;

  private DifferenceChart() {}

  /** The chart of the per-year differences in {@code differences} (totals are left out). */
  public static String svg(List<Difference> differences, String title) {
    List<Difference> yearly = differences.stream().filter(d -> !d.total()).toList();
    List<String> outcomes = new ArrayList<>(new LinkedHashSet<>(yearly.stream().map(Difference::outcome).toList()));
    List<String> scenarios = new ArrayList<>(new LinkedHashSet<>(yearly.stream().map(Difference::scenario).toList()));
    int rows = (outcomes.size() + COLUMNS - 1) / COLUMNS;
    int width = COLUMNS * (MARGIN_L + PANEL_W + GAP) + GAP;
    int height = MARGIN_T + rows * (PANEL_H + 60) + 20 + 18 * scenarios.size();
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(text(GAP, 22, escape(title), "font-size=\"15\" font-weight=\"bold\""));
    for (int o = 0; o < outcomes.size(); o++) {
      int x0 = GAP + (o % COLUMNS) * (MARGIN_L + PANEL_W + GAP) + MARGIN_L;
      int y0 = MARGIN_T + (o / COLUMNS) * (PANEL_H + 60) + 20;
      String outcome = outcomes.get(o);
      List<Difference> panel = yearly.stream().filter(d -> d.outcome().equals(outcome)).toList();
      panel(s, panel, scenarios, outcome, x0, y0);
    }
    int ly = MARGIN_T + rows * (PANEL_H + 60) + 10;
    for (int i = 0; i < scenarios.size(); i++) {
      String c = COLOURS[i % COLOURS.length];
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"%s\"/>%n", GAP, ly + 18 * i, c));
      s.append(text(GAP + 20, ly + 18 * i + 10, escape(scenarios.get(i) + " minus " + yearly.get(0).baseline()
          + ": mean paired difference, band = 90% interval"), ""));
    }
    return s.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder s, List<Difference> panel, List<String> scenarios, String outcome, int x0, int y0) {
    int first = panel.stream().mapToInt(Difference::year).min().orElse(0);
    int last = panel.stream().mapToInt(Difference::year).max().orElse(first);
    double lo = Math.min(0, panel.stream().mapToDouble(Difference::p05).min().orElse(0));
    double hi = Math.max(0, panel.stream().mapToDouble(Difference::p95).max().orElse(0));
    if (hi == lo) hi = lo + 1;
    double pad = (hi - lo) * 0.05;
    Scale x = new Scale(first, Math.max(last, first + 1), x0, x0 + PANEL_W);
    Scale y = new Scale(lo - pad, hi + pad, y0 + PANEL_H, y0);
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
        x0, y0, PANEL_W, PANEL_H));
    s.append(text(x0, y0 - 8, escape(outcome) + " (difference per year)", "font-weight=\"bold\""));
    s.append(line(x0, y.at(0), x0 + PANEL_W, y.at(0), "#444", "stroke-dasharray=\"4 3\""));
    for (double v : new double[] {lo, 0, hi}) {
      s.append(text(x0 - 6, y.at(v) + 4, number(v), "text-anchor=\"end\""));
    }
    int step = Math.max(1, (last - first) / 6);
    for (int yr = first; yr <= last; yr += step) {
      s.append(text(x.at(yr), y0 + PANEL_H + 16, Integer.toString(yr), "text-anchor=\"middle\""));
    }
    for (int i = 0; i < scenarios.size(); i++) {
      String sc = scenarios.get(i), c = COLOURS[i % COLOURS.length];
      List<Difference> ds = panel.stream().filter(d -> d.scenario().equals(sc)).toList();
      if (ds.isEmpty()) continue;
      StringBuilder band = new StringBuilder(), mean = new StringBuilder();
      for (Difference d : ds) band.append(point(x.at(d.year()), y.at(d.p95())));
      for (int j = ds.size() - 1; j >= 0; j--) band.append(point(x.at(ds.get(j).year()), y.at(ds.get(j).p05())));
      for (Difference d : ds) mean.append(point(x.at(d.year()), y.at(d.mean())));
      s.append("<polygon points=\"").append(band.toString().trim()).append("\" fill=\"").append(c)
          .append("\" fill-opacity=\"0.2\" stroke=\"none\"/>\n");
      s.append("<polyline points=\"").append(mean.toString().trim()).append("\" fill=\"none\" stroke=\"").append(c)
          .append("\" stroke-width=\"2\"/>\n");
    }
  }

  /** A linear map from data to pixels. */
  private record Scale(double from, double to, double pixelFrom, double pixelTo) {
    double at(double v) {
      return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
    }
  }

  private static String point(double x, double y) {
    return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour, String extra) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" %s/>%n",
        x1, y1, x2, y2, colour, extra);
  }

  private static String text(double x, double y, String content, String extra) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, extra, content);
  }

  static String number(double v) {
    return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
