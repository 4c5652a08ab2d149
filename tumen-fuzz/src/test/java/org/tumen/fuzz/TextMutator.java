package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Structure-aware edits of a text file of lines (CSV or YAML), driven by the fuzzer's bytes: the kinds of mistake
 * people make by hand (a cell changed, a line lost or doubled, a quote left open, a key misindented) plus raw bytes.
 * With no input bytes it makes no edit, so the empty input checks that the unchanged fixture loads.
 */
final class TextMutator {
  /** Values that tend to sit on edges: numbers at limits, odd dates, YAML and CSV syntax. */
  static final String[] INTERESTING = {"", " ", "0", "-0", "-1", "1", "0.5", "1e308", "-1e308", "1e-320", "NaN", "Infinity",
      "-Infinity", "9223372036854775807", "9223372036854775808", "2147483648", "-2147483649", "1_000", "0x10", "1,5",
      "0000-01-01", "9999-12-31", "+999999999-12-31", "-999999999-01-01", "2012-02-30", "1990-01-01", "2030-12-31", "\"",
      "\"\"", "'", "#", ",", ",,", ":", ": ", "- ", "[", "{", "}", "]", "&a", "*a", "!!binary", "? ", "|", ">", "~", "null",
      "true", "false", "\t", "\r", "\n", "\u0000", "\uFEFF", "\u00e9", "$", "$effects.x", "../", "/etc/passwd", "a".repeat(300)};

  private TextMutator() {}

  /** Applies 0..3 edits to {@code text} and returns the new bytes. */
  static byte[] mutate(byte[] original, FuzzedDataProvider data) {
    String text = new String(original, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int edits = data.consumeInt(0, 3);
    for (int e = 0; e < edits; e++) {
      int op = data.consumeInt(0, 11);
      int n = lines.size();
      int i = n == 0 ? 0 : data.consumeInt(0, n - 1);
      switch (op) {
        case 0 -> set(lines, i, data.consumeString(200));
        case 1 -> lines.add(Math.min(i, lines.size()), data.consumeString(200));
        case 2 -> {
          int k = data.consumeInt(1, 8);
          for (int j = 0; j < k && i < lines.size(); j++) lines.remove(i);
        }
        case 3 -> {
          if (n > 0) lines.add(i, lines.get(i));
        }
        case 4 -> {
          if (n > 1) {
            int j = data.consumeInt(0, n - 1);
            String t = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, t);
          }
        }
        case 5, 6 -> { // replace one field (CSV cell or YAML value) with fuzz text or an edge value
          if (n == 0) break;
          String line = lines.get(i);
          String sep = line.contains(",") ? "," : ": ";
          String[] parts = line.split(sep, -1);
          int f = data.consumeInt(0, parts.length - 1);
          parts[f] = op == 5 ? data.consumeString(60) : data.pickValue(INTERESTING);
          lines.set(i, String.join(sep, parts));
        }
        case 7 -> { // splice characters inside a line
          if (n == 0) break;
          String line = lines.get(i);
          int at = data.consumeInt(0, line.length());
          int cut = data.consumeInt(0, Math.min(16, line.length() - at));
          lines.set(i, line.substring(0, at) + data.consumeString(30) + line.substring(at + cut));
        }
        case 8 -> { // indentation changes (YAML structure)
          if (n == 0) break;
          String line = lines.get(i);
          lines.set(i, data.consumeBoolean() ? "  " + line : line.stripLeading());
        }
        case 9 -> { // truncate the file
          int keep = data.consumeInt(0, lines.size());
          lines.subList(keep, lines.size()).clear();
        }
        case 10 -> lines.add(Math.min(i, lines.size()), data.pickValue(INTERESTING));
        default -> { // the rest of the input replaces the file, as raw bytes
          return data.consumeRemainingAsBytes();
        }
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static void set(List<String> lines, int i, String s) {
    if (lines.isEmpty()) lines.add(s);
    else lines.set(i, s);
  }
}
