package org.tumen.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.tumen.scenario.CsvTable;
import org.tumen.scenario.Problems;

/**
 * CsvTable on arbitrary bytes, then every typed getter on every cell. Nothing may throw: problems are recorded.
 * The first bytes choose the header the table must have, the rest is the file.
 */
class CsvTableFuzzTest {
  private static final Path FILE = Fixture.scratch("tumen-fuzz-csv").resolve("t.csv");
  private static final List<String> COLUMNS = List.of("name", "value", "date", "note", "other");

  @FuzzTest
  void readTable(FuzzedDataProvider data) throws Exception {
    int req = data.consumeInt(0, 3);
    Set<String> required = Set.copyOf(COLUMNS.subList(0, req));
    Set<String> optional = data.consumeBoolean() ? Set.of("note") : Set.of();
    double min = data.consumeBoolean() ? 0 : -1e12;
    double max = data.consumeBoolean() ? Double.POSITIVE_INFINITY : 1e6;
    Files.write(FILE, data.consumeRemainingAsBytes());
    Bounded.call(() -> {
      Problems problems = new Problems();
      CsvTable t = CsvTable.read(FILE, "t.csv", required, optional, problems);
      for (CsvTable.Row r : t.rows()) {
        for (String c : COLUMNS) {
          t.hasColumn(c);
          r.text(c);
          r.requiredText(c);
          r.number(c, min, max);
          r.wholeNumber(c, (long) Math.max(min, Long.MIN_VALUE), max == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) max);
          r.date(c, true);
          r.date(c, false);
        }
      }
      for (var p : problems.list()) {
        if (p.message() == null || p.message().isBlank()) throw new AssertionError("blank problem " + p);
      }
      return t;
    });
  }
}
