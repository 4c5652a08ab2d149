package org.tumen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.RandomStream;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

class ParquetEventLogTest {
  static final Vocabulary VOCABULARY = new Vocabulary(
      List.of("home", "crossing", "hiding", "arrested", "arrived"),
      List.of("famine", "raid", "broker", "it's a quote"),
      List.of("Musan", "Yanbian", "Shenyang", "Seoul"));
  static final SimCalendar CALENDAR = new SimCalendar(LocalDate.of(1990, 1, 1), LocalDate.of(1990, 12, 31));

  record Row(int day, LocalDate date, int agent, String from, String to, String place, String cause, String sex, int count) {}

  /** Synthetic events: a few each day, some with codes the vocabulary does not name. */
  static List<Row> feed(ParquetEventLog log, int days, int perDay) {
    List<Row> expected = new ArrayList<>();
    EventBuffer events = new EventBuffer();
    RandomStream r = new RandomStream(7, 0, 0, 0);
    log.start(VOCABULARY, CALENDAR);
    for (int day = 0; day < days; day++) {
      events.clear();
      for (int i = 0; i < perDay; i++) {
        int agent = r.nextInt(1_000_000) - 1000; // negative ids stand for home cohorts
        int from = r.nextInt(5);
        int to = r.nextInt(6); // 5 is not named: must come out as null
        int place = r.nextInt(4);
        int cause = r.nextInt(4);
        int sex = r.nextInt(3) - 1;
        int count = 1 + r.nextInt(3);
        events.add(day, agent, from, to, place, cause, sex, count);
        expected.add(new Row(day, CALENDAR.date(day), agent, VOCABULARY.states().get(from),
            to < 5 ? VOCABULARY.states().get(to) : null, VOCABULARY.places().get(place),
            VOCABULARY.causes().get(cause), sex == 0 ? "male" : sex == 1 ? "female" : null, count));
      }
      log.handleDay(day, events);
    }
    return expected;
  }

  static List<Row> read(Path parquet) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + parquet + "')")) {
      while (rs.next()) {
        rows.add(new Row(rs.getInt("day"), rs.getObject("date", LocalDate.class), rs.getInt("agent"),
            rs.getString("from"), rs.getString("to"), rs.getString("place"), rs.getString("cause"),
            rs.getString("sex"), rs.getInt("count")));
      }
    }
    return rows;
  }

  @Test
  void eventsRoundTripInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.parquet");
    List<Row> expected;
    try (ParquetEventLog log = new ParquetEventLog(file)) {
      // 365 days x 400 rows = 146,000 rows: more than two chunks, so the writer thread really works.
      expected = feed(log, 365, 400);
      log.finish(364);
      assertThat(log.rows()).isEqualTo(expected.size());
    }
    assertThat(read(file)).containsExactlyElementsOf(expected);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file); // no temporary left over
    }
    // Permissions as for any file the user creates (not private, as a Files.createTempFile file would be).
    Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
    assertThat(Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ))
        .isEqualTo(Files.getPosixFilePermissions(plain).contains(PosixFilePermission.OTHERS_READ));
  }

  @Test
  void columnsHaveCompactTypes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.parquet");
    try (ParquetEventLog log = new ParquetEventLog(file)) {
      feed(log, 10, 50);
      log.finish(9);
    }
    List<String> types = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
      while (rs.next()) types.add(rs.getString("column_name") + " " + rs.getString("column_type"));
    }
    assertThat(types).containsExactly("day INTEGER", "date DATE", "agent INTEGER", "from VARCHAR",
        "to VARCHAR", "place VARCHAR", "cause VARCHAR", "sex VARCHAR", "count INTEGER");
  }

  @Test
  void aCancelledRunLeavesNoFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.parquet");
    try (ParquetEventLog log = new ParquetEventLog(file)) {
      feed(log, 200, 500); // then the engine stops without calling finish
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aFailedMoveLeavesNoTemporary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.parquet");
    Files.createDirectory(file);
    Files.writeString(file.resolve("inside"), "x"); // a non-empty directory where the file should go
    ParquetEventLog log = new ParquetEventLog(file);
    feed(log, 3, 10);
    assertThatThrownBy(() -> log.finish(2)).isInstanceOf(RuntimeException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }
}
