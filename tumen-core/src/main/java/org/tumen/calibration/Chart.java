package org.tumen.calibration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tumen.report.Observed;

/**
 * The forecast as an SVG image: one panel per series, with the 90% and 50% posterior predictive bands, the
 * median, the observed record (arrivals as dots, hidden-population estimates as bars) and a line where the
 * calibration data end.
 */
final class Chart {
  private static final int PANEL_W = 520, PANEL_H = 300, MARGIN_L = 70, MARGIN_T = 40, MARGIN_B = 40, MARGIN_R = 20;
  private static final Map<String, String> TITLES = Map.of("arrived_south_korea", "Arrivals in South Korea per year",
      "hiding_in_china", "People hiding in China (year end)", "repatriated", "Repatriated to North Korea per year",
      "sentenced", "Sentenced in North Korea per year (labour, prison, camp, execution)");

  private Chart() {}

  static String svg(Forecast f, Observed obs, String title) {
    int cols = 2, rows = (f.series().size() + 1) / 2;
    int w = cols * PANEL_W, h = rows * PANEL_H + 50;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n", w, h, w, h));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", escape(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"40\" fill=\"#555\">Median (line), 50%% and 90%% posterior predictive"
        + " intervals (bands) from %d draws; black: observed; dashed line: end of the calibration data (%d).</text>%n",
        f.draws(), Observed.LAST_CALIBRATION_YEAR));
    int i = 0;
    for (var e : f.series().entrySet()) {
      int x0 = (i % cols) * PANEL_W, y0 = 50 + (i / cols) * PANEL_H;
      panel(s, x0, y0, e.getKey(), e.getValue(), obs);
      i++;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static void panel(StringBuilder s, int x0, int y0, String name, List<Forecast.Row> rows, Observed obs) {
    int left = x0 + MARGIN_L, right = x0 + PANEL_W - MARGIN_R, top = y0 + MARGIN_T, bottom = y0 + PANEL_H - MARGIN_B;
    int first = rows.get(0).year(), last = rows.get(rows.size() - 1).year();
    double max = 0;
    for (Forecast.Row r : rows) max = Math.max(max, r.p95());
    if (name.equals("arrived_south_korea")) for (double[] o : obs.arrivals().values()) max = Math.max(max, o[0]);
    if (name.equals("hiding_in_china")) for (double[] o : obs.hidden().values()) max = Math.max(max, o[1]);
    double step = niceStep(max / 5);
    double top_ = Math.max(step, Math.ceil(max / step) * step);
    Scale sx = v -> left + (v - first) * (right - left) / Math.max(1, last - first);
    Scale sy = v -> bottom - v * (bottom - top) / top_;

    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n", left, top - 12,
        escape(TITLES.getOrDefault(name, name))));
    for (double v = 0; v <= top_ + step / 2; v += step) {
      double y = sy.at(v);
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>%n", left, right, y, y));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#444\">%,.0f</text>%n", left - 6, y + 4, v));
    }
    for (int y = (first + 9) / 10 * 10; y <= last; y += 10) {
      double x = sx.at(y);
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e5e5e5\"/>%n", x, x, top, bottom));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#444\">%d</text>%n", x, bottom + 16, y));
    }
    band(s, rows, sx, sy, true, "#c6dbef");
    band(s, rows, sx, sy, false, "#6baed6");
    StringBuilder line = new StringBuilder();
    for (Forecast.Row r : rows) line.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(r.year()), sy.at(r.median())));
    s.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"#08306b\" stroke-width=\"2\"/>%n", line.toString().trim()));
    double xc = sx.at(Observed.LAST_CALIBRATION_YEAR + 0.5);
    s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4,3\"/>%n", xc, xc, top, bottom));
    if (name.startsWith("arrived_south_korea")) {
      for (var o : obs.arrivals().entrySet()) {
        if (o.getKey() < first || o.getKey() > last) continue;
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"black\"/>%n", sx.at(o.getKey()), sy.at(o.getValue()[0])));
      }
    }
    if (name.equals("hiding_in_china")) {
      for (var o : obs.hidden().entrySet()) {
        double x = sx.at(o.getKey());
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-width=\"3\"/>%n", x, x,
            sy.at(o.getValue()[0]), sy.at(o.getValue()[1])));
      }
    }
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n", left, top,
        right - left, bottom - top));
  }

  private static void band(StringBuilder s, List<Forecast.Row> rows, Scale sx, Scale sy, boolean outer, String colour) {
    StringBuilder p = new StringBuilder();
    for (Forecast.Row r : rows) p.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(r.year()), sy.at(outer ? r.p95() : r.p75())));
    for (int i = rows.size() - 1; i >= 0; i--) {
      Forecast.Row r = rows.get(i);
      p.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(r.year()), sy.at(outer ? r.p05() : r.p25())));
    }
    s.append(String.format("<polygon points=\"%s\" fill=\"%s\" stroke=\"none\"/>%n", p.toString().trim(), colour));
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) return 1;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
    return 10 * p;
  }

  static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private interface Scale {
    double at(double v);
  }
}
