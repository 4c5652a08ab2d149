package org.tumen.cli;

import java.nio.file.Path;
import java.util.Locale;

/** Number formatting for tables (thousands separators) and CSV (plain), and small file writes. */
final class Text {
  private Text() {}

  /** A count-like number for a table: whole numbers with separators, small ones with 3 significant digits. */
  static String num(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Math.abs(v) >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
    return stripZeros(String.format(Locale.ROOT, "%.3g", v));
  }

  private static String stripZeros(String s) {
    if (!s.contains(".") || s.contains("e")) return s;
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A signed difference: +1,234 or -56. */
  static String signed(double v) {
    String s = num(v);
    return v > 0 ? "+" + s : s;
  }

  static String csv(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v); // exact: the value reads back as it was
  }

  /** Writes a whole text file, creating its folder; an I/O failure is reported as such. */
  /** Writes a whole output file at once (never half-written, even if the process is killed). */
  static void write(Path file, String content) {
    org.tumen.report.RunOutputs.writeFileAtomically(file, content);
  }

}
