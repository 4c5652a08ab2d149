package org.tumen.scenario;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV table read strictly: a header naming known columns, lines starting with '#' as comments, and
 * typed cell access that records a problem (file, line, column, what was expected) instead of throwing.
 */
public final class CsvTable {
  private final String file;
  private final Map<String, Integer> columns;
  private final List<Row> rows;

  private CsvTable(String file, Map<String, Integer> columns, List<Row> rows) {
    this.file = file;
    this.columns = columns;
    this.rows = rows;
  }

  /**
   * Reads a table whose header must contain every required column and no column outside required and
   * optional. Returns an empty table (with problems recorded) when the file cannot be used.
   */
  public static CsvTable read(Path path, String file, Set<String> required, Set<String> optional, Problems problems) {
    Map<String, Integer> columns = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    if (!Files.isRegularFile(path)) {
      problems.add(file, 0, "", "file not found (expected a CSV table at " + path + ")");
      return new CsvTable(file, columns, rows);
    }
    try (CsvReader<CsvRecord> reader = CsvReader.builder()
        .commentStrategy(CommentStrategy.SKIP)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .ofCsvRecord(path)) {
      List<String> header = null;
      for (CsvRecord r : reader) {
        int line = (int) r.getStartingLineNumber();
        if (header == null) {
          header = r.getFields().stream().map(String::trim).toList();
          for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            if (columns.containsKey(c)) {
              problems.add(file, line, c, "column given twice in the header");
            } else if (!required.contains(c) && !optional.contains(c)) {
              problems.add(file, line, c, "unknown column; expected columns " + describe(required, optional));
            }
            columns.put(c, i);
          }
          for (String c : required) {
            if (!columns.containsKey(c)) problems.add(file, line, c, "missing column in the header");
          }
          continue;
        }
        if (r.getFieldCount() != header.size()) {
          problems.add(file, line, "", "expected " + header.size() + " fields as in the header, found " + r.getFieldCount());
          continue;
        }
        rows.add(new Row(file, line, r.getFields(), columns, problems));
      }
      if (header == null) problems.add(file, 1, "", "the table is empty; expected a header line");
    } catch (NoSuchFileException e) {
      problems.add(file, 0, "", "file not found");
    } catch (IOException e) {
      problems.add(file, 0, "", "cannot read: " + e.getMessage());
    } catch (UncheckedIOException e) {
      problems.add(file, 0, "", "cannot read: " + e.getCause().getMessage());
    } catch (RuntimeException e) {
      // FastCSV reports malformed CSV (e.g. an unclosed quote) as CsvParseException.
      problems.add(file, 0, "", "malformed CSV: " + e.getMessage());
    }
    return new CsvTable(file, columns, rows);
  }

  private static String describe(Set<String> required, Set<String> optional) {
    String s = String.join(", ", new java.util.TreeSet<>(required));
    return optional.isEmpty() ? s : s + " (optional: " + String.join(", ", new java.util.TreeSet<>(optional)) + ")";
  }

  public String file() {
    return file;
  }

  public List<Row> rows() {
    return rows;
  }

  public boolean hasColumn(String c) {
    return columns.containsKey(c);
  }

  /** One data line; typed getters record a problem and return a neutral value when a cell is bad. */
  public static final class Row {
    private final String file;
    private final int line;
    private final List<String> fields;
    private final Map<String, Integer> columns;
    private final Problems problems;

    Row(String file, int line, List<String> fields, Map<String, Integer> columns, Problems problems) {
      this.file = file;
      this.line = line;
      this.fields = fields;
      this.columns = columns;
      this.problems = problems;
    }

    public int line() {
      return line;
    }

    public String file() {
      return file;
    }

    public void problem(String column, String message) {
      problems.add(file, line, column, message);
    }

    /** The trimmed cell, or "" when the column is absent. */
    public String text(String column) {
      Integer i = columns.get(column);
      return i == null ? "" : fields.get(i).trim();
    }

    public String requiredText(String column) {
      String s = text(column);
      if (s.isEmpty()) problem(column, "missing value");
      return s;
    }

    /** A number in [min, max]; NaN (with a problem) when empty, malformed or out of range. */
    public double number(String column, double min, double max) {
      String s = text(column);
      if (s.isEmpty()) {
        problem(column, "missing value; expected a number");
        return Double.NaN;
      }
      double v;
      try {
        v = Double.parseDouble(s.replace("_", ""));
      } catch (NumberFormatException e) {
        problem(column, "expected a number, got '" + s + "'");
        return Double.NaN;
      }
      if (!(v >= min && v <= max)) {
        problem(column, "value " + s + " is out of range; expected " + range(min, max));
        return Double.NaN;
      }
      return v;
    }

    public long wholeNumber(String column, long min, long max) {
      double v = number(column, min, max);
      if (Double.isNaN(v)) return min;
      if (v != Math.rint(v)) {
        problem(column, "expected a whole number, got '" + text(column) + "'");
        return min;
      }
      return (long) v;
    }

    /** An ISO date (yyyy-mm-dd), or null (with a problem) when malformed; null without a problem when empty and optional. */
    public LocalDate date(String column, boolean required) {
      String s = text(column);
      if (s.isEmpty()) {
        if (required) problem(column, "missing value; expected a date yyyy-mm-dd");
        return null;
      }
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        problem(column, "expected a date yyyy-mm-dd, got '" + s + "'");
        return null;
      }
    }

    static String range(double min, double max) {
      if (max == Double.POSITIVE_INFINITY) return "at least " + fmt(min);
      return "between " + fmt(min) + " and " + fmt(max);
    }

    private static String fmt(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
  }
}
