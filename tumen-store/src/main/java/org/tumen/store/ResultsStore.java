package org.tumen.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.tumen.batch.RunSummary;
import org.tumen.scenario.InvalidInputException;

/**
 * Every run, ensemble, comparison, sweep and calibration, recorded in one embedded DuckDB file that users can
 * query with SQL (docs/STORE.md has the schema).
 *
 * <p>Concurrency. DuckDB lets one process at a time open a file for writing, and the CLI and the web server
 * are separate processes. So the store never keeps the file open: each operation opens it, does its work in
 * one transaction, and closes it. When another process holds the file, the operation waits and retries with
 * growing pauses, up to a bound ({@link #DEFAULT_LOCK_WAIT}), and then fails with a {@link
 * StoreBusyException} that says so. Within one JVM, operations on the same file take turns on a lock, since
 * two DuckDB instances of one file in one process would not see each other's file lock.
 *
 * <p>Atomicity. A recording is one transaction: readers see all of a batch (its row, every member, every
 * series, its bands) or nothing of it, also when the writing process is killed half-way. A new store file
 * appears whole, with its tables, or not at all (see {@link #create}).
 */
public final class ResultsStore {
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);
  public static final int SCHEMA_VERSION = 1;
  /**
   * The storage format of the file: DuckDB 1.0's, which every DuckDB since 1.0 reads (the command line,
   * Python, R, JDBC). The 2.x driver's own default format is one that no DuckDB 1.x opens.
   */
  public static final String STORAGE_VERSION = "v1.0.0";
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
      "INSERT OR IGNORE INTO store_info VALUES ('schema_version', '" + SCHEMA_VERSION + "')",
      // Single runs, batches, and the member runs of batches (parent_id = the batch's id).
      "CREATE TABLE IF NOT EXISTS runs (id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, parent_id BIGINT,"
          + " batch_index INTEGER, created TIMESTAMP NOT NULL, tool_version VARCHAR, scenario VARCHAR,"
          + " scenario_hash VARCHAR, seed BIGINT, draw INTEGER, threads INTEGER, executor VARCHAR,"
          + " wall_seconds DOUBLE, agent_days BIGINT, members INTEGER NOT NULL, first_year INTEGER, note VARCHAR)",
      "CREATE TABLE IF NOT EXISTS parameters (run_id BIGINT NOT NULL, name VARCHAR NOT NULL, value DOUBLE)",
      "CREATE TABLE IF NOT EXISTS yearly (run_id BIGINT NOT NULL, year INTEGER NOT NULL, series VARCHAR NOT NULL,"
          + " value DOUBLE)",
      "CREATE TABLE IF NOT EXISTS bands (batch_id BIGINT NOT NULL, scenario VARCHAR, year INTEGER NOT NULL,"
          + " series VARCHAR NOT NULL, runs INTEGER, p05 DOUBLE, p25 DOUBLE, p50 DOUBLE, p75 DOUBLE, p95 DOUBLE)",
  };
  private static final List<String> TABLES = List.of("runs", "parameters", "yearly", "bands");
  private static final String RUN_COLUMNS = "id, kind, parent_id, batch_index, created, tool_version, scenario,"
      + " scenario_hash, seed, draw, threads, executor, wall_seconds, agent_days, members, first_year, note";

  private final Path file;
  private final Duration lockWait;
  private final Clock clock;

  public ResultsStore(Path file) {
    this(file, DEFAULT_LOCK_WAIT, Clock.systemUTC());
  }

  public ResultsStore(Path file, Duration lockWait, Clock clock) {
    this.file = file.toAbsolutePath().normalize();
    this.lockWait = lockWait;
    this.clock = clock;
  }

  /** {@code $TUMEN_STORE} when set, else {@code tumen-runs.duckdb} in the working directory. */
  public static Path defaultPath() {
    String env = System.getenv("TUMEN_STORE");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("tumen-runs.duckdb");
  }

  public Path file() {
    return file;
  }

  // ---- writing ----

  /** Records one run (kind {@code run}) and returns its id. */
  public long recordRun(RunMeta meta, RunSummary summary) {
    return write(c -> {
      long id = nextId(c);
      try (Appender a = new Appender(c)) {
        a.run(id, Kind.RUN, null, null, now(), meta.toolVersion(), summary.scenario(), meta.scenarioHash(),
            summary.seed(), summary.draw(), meta.threads(), null, summary.wallSeconds(),
            summary.agentDays(), 0, summary.firstYear(), meta.note());
        a.results(id, summary);
      }
      return id;
    });
  }

  /**
   * Records a batch and all its runs in one transaction, and, for ensembles and comparisons, the quantile
   * bands of every series. Returns the batch's id; member runs get the ids after it, in task order.
   */
  public long recordBatch(BatchMeta meta, List<RunSummary> runs) {
    return recordBatch(meta, runs, c -> null);
  }

  /** As above, with a hook run just before the commit (tests use it to fail there). */
  long recordBatch(BatchMeta meta, List<RunSummary> runs, SqlWork<?> beforeCommit) {
    return write(c -> {
      long batchId = nextId(c);
      LocalDateTime created = now();
      long agentDays = runs.stream().mapToLong(RunSummary::agentDays).sum();
      int firstYear = runs.stream().mapToInt(RunSummary::firstYear).min().orElse(0);
      List<String> scenarios = new ArrayList<>(meta.scenarioHashes().keySet());
      for (RunSummary r : runs) if (!scenarios.contains(r.scenario())) scenarios.add(r.scenario());
      String hashes = scenarios.stream().map(s -> String.valueOf(meta.scenarioHashes().get(s)))
          .reduce((a, b) -> a + " | " + b).orElse(null);
      try (Appender a = new Appender(c)) {
        a.run(batchId, meta.kind(), null, null, created, meta.toolVersion(), String.join(" | ", scenarios),
            hashes, null, null, meta.threads(), meta.executor(), meta.wallSeconds(), agentDays, runs.size(),
            firstYear, meta.note());
        long id = batchId;
        for (RunSummary r : runs) {
          id++;
          a.run(id, Kind.RUN, batchId, r.index(), created, meta.toolVersion(), r.scenario(),
              meta.scenarioHashes().get(r.scenario()), r.seed(), r.draw(), meta.threads(), meta.executor(),
              r.wallSeconds(), r.agentDays(), 0, r.firstYear(), null);
          a.results(id, r);
        }
      }
      if (meta.kind().bands()) insertBands(c, batchId);
      beforeCommit.apply(c);
      return batchId;
    });
  }

  /** Quantiles (linear interpolation between order statistics, as R's type 7) over the batch's members. */
  private static void insertBands(Connection c, long batchId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO bands SELECT ?, r.scenario, y.year, y.series,"
        + " count(*), quantile_cont(y.value, 0.05), quantile_cont(y.value, 0.25), quantile_cont(y.value, 0.5),"
        + " quantile_cont(y.value, 0.75), quantile_cont(y.value, 0.95)"
        + " FROM yearly y JOIN runs r ON r.id = y.run_id WHERE r.parent_id = ?"
        + " GROUP BY r.scenario, y.year, y.series ORDER BY r.scenario, y.series, y.year")) {
      p.setLong(1, batchId);
      p.setLong(2, batchId);
      p.executeUpdate();
    }
  }

  /** Ids are assigned under the file's write lock, so max + 1 is unique. */
  private static long nextId(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM runs")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  // ---- reading ----

  /** Single runs and batches (not the members of batches), oldest first. */
  public List<RunRow> list() {
    return read(c -> queryRuns(c, "WHERE parent_id IS NULL ORDER BY id", null), List.of());
  }

  /** The member runs of a batch, in task order. */
  public List<RunRow> members(long batchId) {
    return read(c -> queryRuns(c, "WHERE parent_id = ? ORDER BY batch_index, id", batchId), List.of());
  }

  /** Everything about one id; an unknown id is the user's mistake. */
  public RunDetail show(long id) {
    RunDetail d = read(c -> {
      List<RunRow> rows = queryRuns(c, "WHERE id = ?", id);
      if (rows.isEmpty()) return null;
      RunRow run = rows.get(0);
      Map<Long, Map<String, Double>> parameters = parameters(c, "run_id = ?", id);
      Map<Long, Map<String, double[]>> yearly = yearly(c, "y.run_id = ?", id);
      return new RunDetail(run, parameters.getOrDefault(id, Map.of()), run.firstYear(),
          yearly.getOrDefault(id, Map.of()), bands(c, id));
    }, null);
    if (d == null) {
      throw new InvalidInputException(file.toString(), 0, "id",
          "no run with id " + id + " in this store (`tumen runs list` shows the ids)");
    }
    return d;
  }

  /** The summaries of a batch's members, as the executor returned them (task order). */
  public List<RunSummary> summaries(long batchId) {
    return read(c -> {
      Map<Long, Map<String, Double>> parameters = parameters(c,
          "run_id IN (SELECT id FROM runs WHERE parent_id = ?)", batchId);
      Map<Long, Map<String, double[]>> yearly = yearly(c,
          "y.run_id IN (SELECT id FROM runs WHERE parent_id = ?)", batchId);
      List<RunSummary> out = new ArrayList<>();
      for (RunRow r : queryRuns(c, "WHERE parent_id = ? ORDER BY batch_index, id", batchId)) {
        out.add(new RunSummary(r.batchIndex(), r.scenario(), r.seed(), r.draw(),
            parameters.getOrDefault(r.id(), Map.of()), r.firstYear(), yearly.getOrDefault(r.id(), Map.of()),
            r.wallSeconds(), r.agentDays()));
      }
      return out;
    }, List.of());
  }

  private static List<RunRow> queryRuns(Connection c, String where, Long arg) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM runs " + where)) {
      if (arg != null) p.setLong(1, arg);
      List<RunRow> rows = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(new RunRow(rs.getLong("id"), Kind.of(rs.getString("kind")), rs.getObject("parent_id", Long.class),
              rs.getObject("batch_index", Integer.class), rs.getObject("created", LocalDateTime.class),
              rs.getString("tool_version"), rs.getString("scenario"), rs.getString("scenario_hash"),
              rs.getObject("seed", Long.class), rs.getObject("draw", Integer.class), rs.getInt("threads"),
              rs.getString("executor"), rs.getDouble("wall_seconds"), rs.getLong("agent_days"),
              rs.getInt("members"), rs.getInt("first_year"), rs.getString("note")));
        }
      }
      return rows;
    }
  }

  private static Map<Long, Map<String, Double>> parameters(Connection c, String where, long arg) throws SQLException {
    Map<Long, Map<String, Double>> out = new TreeMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT run_id, name, value FROM parameters WHERE " + where)) {
      p.setLong(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getDouble(3));
        }
      }
    }
    return out;
  }

  /** Series by run id, rebuilt as arrays from each run's first year. */
  private static Map<Long, Map<String, double[]>> yearly(Connection c, String where, long arg) throws SQLException {
    Map<Long, Map<String, double[]>> out = new TreeMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT y.run_id, y.series, r.first_year,"
        + " list(y.value ORDER BY y.year), list(y.year ORDER BY y.year)"
        + " FROM yearly y JOIN runs r ON r.id = y.run_id WHERE " + where
        + " GROUP BY y.run_id, y.series, r.first_year")) {
      p.setLong(1, arg);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          int firstYear = rs.getInt(3);
          Object[] values = (Object[]) rs.getArray(4).getArray();
          Object[] years = (Object[]) rs.getArray(5).getArray();
          int length = years.length == 0 ? 0 : ((Number) years[years.length - 1]).intValue() - firstYear + 1;
          double[] series = new double[length];
          Arrays.fill(series, Double.NaN); // a year never recorded reads as missing
          for (int i = 0; i < years.length; i++) {
            series[((Number) years[i]).intValue() - firstYear] = ((Number) values[i]).doubleValue();
          }
          out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), series);
        }
      }
    }
    return out;
  }

  private static List<Band> bands(Connection c, long batchId) throws SQLException {
    List<Band> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT scenario, year, series, runs, p05, p25, p50, p75, p95"
        + " FROM bands WHERE batch_id = ? ORDER BY scenario, series, year")) {
      p.setLong(1, batchId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(new Band(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getDouble(5),
              rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9)));
        }
      }
    }
    return out;
  }

  // ---- export ----

  /** Writes runs.parquet, parameters.parquet, yearly.parquet and bands.parquet into the folder. */
  public List<Path> exportParquet(Path dir) {
    return export(dir, "parquet", "(FORMAT parquet, COMPRESSION zstd)");
  }

  /** Writes runs.csv, parameters.csv, yearly.csv and bands.csv (with a header line) into the folder. */
  public List<Path> exportCsv(Path dir) {
    return export(dir, "csv", "(FORMAT csv, HEADER true)");
  }

  private List<Path> export(Path dir, String extension, String options) {
    if (!Files.exists(file)) throw new StoreException("no results store at " + file + " (nothing recorded yet)");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return read(c -> {
      List<Path> written = new ArrayList<>();
      for (String table : TABLES) {
        Path target = dir.resolve(table + "." + extension).toAbsolutePath();
        // Each file appears whole or not at all, as the events log does.
        Path temporary = dir.resolve("." + table + "." + extension + ".tmp").toAbsolutePath();
        try (Statement s = c.createStatement()) {
          s.execute("COPY (SELECT * FROM " + table + " ORDER BY ALL) TO "
              + ParquetEventLog.sqlString(temporary.toString()) + " " + options);
          ParquetEventLog.moveIntoPlace(temporary, target);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + target, e);
        } finally {
          try {
            Files.deleteIfExists(temporary);
          } catch (IOException ignored) {
            // best effort
          }
        }
        written.add(target);
      }
      return written;
    }, List.of());
  }

  // ---- connections, locks and retries ----

  /** Work done on an open connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T write(SqlWork<T> work) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the results store " + file, e);
    }
    if (!Files.exists(file)) create();
    boolean[] rewritten = {false};
    T done = withConnection(false, c -> {
      if (!portable(c)) {
        rewritePortable(c);
        rewritten[0] = true;
        return null;
      }
      return transaction(c, work);
    });
    return rewritten[0] ? withConnection(false, c -> transaction(c, work)) : done;
  }

  private static <T> T transaction(Connection c, SqlWork<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      // In the same transaction as the work: a process killed while creating a new store leaves no
      // half-made schema behind.
      try (Statement s = c.createStatement()) {
        for (String sql : SCHEMA) s.execute(sql);
      }
      T result = work.apply(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Whether the open file is in {@link #STORAGE_VERSION}'s format or an older one (all of which DuckDB 1.x reads). */
  private static boolean portable(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT tags['storage_version'] FROM duckdb_databases() WHERE database_name = current_database()")) {
      String version = r.next() ? r.getString(1) : null;
      return version == null || compareVersions(version, STORAGE_VERSION) <= 0;
    }
  }

  /** Compares DuckDB storage versions such as {@code v1.0.0+} and {@code v2.0.0}, by their numbers. */
  static int compareVersions(String a, String b) {
    int[] x = versionNumbers(a), y = versionNumbers(b);
    for (int i = 0; i < 3; i++) if (x[i] != y[i]) return Integer.compare(x[i], y[i]);
    return 0;
  }

  private static int[] versionNumbers(String v) {
    String[] parts = v.replaceAll("[^0-9.]", "").split("\\.");
    int[] out = new int[3];
    for (int i = 0; i < 3 && i < parts.length; i++) out[i] = parts[i].isEmpty() ? 0 : Integer.parseInt(parts[i]);
    return out;
  }

  /**
   * Rewrites a store that an earlier Tumen (DuckDB's 2.x format) made, in {@link #STORAGE_VERSION}'s format:
   * copied whole into a temporary file beside it while this connection holds the file's lock, then moved
   * onto its name. Other processes wait for the lock and then open the new file; a kill leaves the old one.
   */
  private void rewritePortable(Connection c) throws SQLException {
    Path temporary = temporaryBeside(".portable-");
    try (Statement s = c.createStatement()) {
      s.execute("ATTACH " + ParquetEventLog.sqlString(temporary.toString()) + " AS portable (STORAGE_VERSION '"
          + STORAGE_VERSION + "')");
      s.execute("COPY FROM DATABASE " + currentDatabase(c) + " TO portable");
      s.execute("DETACH portable");
      Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the results store " + file + " in DuckDB 1.x's format", e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static String currentDatabase(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
      r.next();
      return "\"" + r.getString(1).replace("\"", "\"\"") + "\"";
    }
  }

  private Path temporaryBeside(String infix) {
    return file.resolveSibling(file.getFileName() + infix + ProcessHandle.current().pid() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  private static void deleteQuietly(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
      Files.deleteIfExists(temporary.resolveSibling(temporary.getFileName() + ".wal"));
    } catch (IOException ignored) {
      // best effort: a stray temporary file is harmless
    }
  }

  /**
   * Creates the missing store file whole. DuckDB writes a new file's header only after creating the file, so
   * a process killed in between left a file that no one could open again ("exists, but it is not a valid
   * DuckDB database file"). So the store is made under a temporary name in the same folder, with its tables,
   * closed, and then linked to its name, which fails if another process created the store meanwhile (theirs
   * is kept). A process killed while making it leaves only the temporary file.
   */
  void create() {
    Path temporary = temporaryBeside(".new-");
    Properties format = new Properties();
    format.setProperty("storage_compatibility_version", STORAGE_VERSION);
    try {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + temporary, format);
          Statement s = c.createStatement()) {
        for (String sql : SCHEMA) s.execute(sql);
      }
      try {
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        // Another process created the store first; its file is whole too.
      } catch (UnsupportedOperationException | IOException e) {
        // A file system without hard links: a plain move, which also refuses an existing file.
        try {
          Files.move(temporary, file);
        } catch (FileAlreadyExistsException ignored) {
          // as above
        }
      }
    } catch (SQLException e) {
      throw new StoreException("results store " + file + ": cannot create it: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the results store " + file, e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /**
   * Reads from the file; a store that does not exist yet, or whose first recording never committed (the
   * file exists but has no tables), reads as {@code empty}.
   */
  private <T> T read(SqlWork<T> work, T empty) {
    if (!Files.exists(file)) return empty;
    return withConnection(true, c -> hasSchema(c) ? work.apply(c) : empty);
  }

  private static boolean hasSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'runs'")) {
      return r.next() && r.getLong(1) > 0;
    }
  }

  private <T> T withConnection(boolean readOnly, SqlWork<T> work) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
    jvmLock.lock();
    try (Connection c = open(readOnly)) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException("results store " + file + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }

  /** Opens the file, waiting with growing, jittered pauses while another process holds its lock. */
  private Connection open(boolean readOnly) throws SQLException {
    Properties p = new Properties();
    if (readOnly) p.setProperty("duckdb.read_only", "true");
    long deadline = System.nanoTime() + lockWait.toNanos();
    long pauseMillis = 5;
    while (true) {
      try {
        return DriverManager.getConnection("jdbc:duckdb:" + file, p);
      } catch (SQLException e) {
        if (!isLockConflict(e)) throw e;
        if (System.nanoTime() > deadline) {
          String waited = String.format(Locale.ROOT, "%.1f s", lockWait.toMillis() / 1000.0);
          throw new StoreBusyException("the results store " + file + " stayed busy for " + waited
              + ": another process (" + holder(e) + ") has it open; try again when it has finished", e);
        }
        sleep(pauseMillis + ThreadLocalRandom.current().nextLong(pauseMillis + 1));
        pauseMillis = Math.min(pauseMillis * 2, 250);
      }
    }
  }

  static boolean isLockConflict(SQLException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Could not set lock") || m.contains("Conflicting lock");
  }

  /** The part of DuckDB's message that names the process holding the lock. */
  private static String holder(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("Conflicting lock is held in ");
    if (i < 0) return "unknown";
    String rest = m.substring(i + "Conflicting lock is held in ".length());
    int end = rest.indexOf(". ");
    return end < 0 ? rest : rest.substring(0, end);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the results store");
    }
  }

  /** Appends rows to the runs, parameters and yearly tables; part of the caller's transaction. */
  private static final class Appender implements AutoCloseable {
    private final DuckDBAppender runs;
    private final DuckDBAppender parameters;
    private final DuckDBAppender yearly;

    Appender(Connection c) throws SQLException {
      DuckDBConnection d = c.unwrap(DuckDBConnection.class);
      runs = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "runs");
      parameters = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "parameters");
      yearly = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "yearly");
    }

    void run(long id, Kind kind, Long parentId, Integer batchIndex, LocalDateTime created, String toolVersion,
        String scenario, String scenarioHash, Long seed, Integer draw, int threads, String executor,
        double wallSeconds, long agentDays, int members, int firstYear, String note) throws SQLException {
      runs.beginRow().append(id).append(kind.label());
      nullable(parentId);
      nullable(batchIndex);
      runs.append(created);
      text(toolVersion);
      text(scenario);
      text(scenarioHash);
      nullable(seed);
      nullable(draw);
      runs.append(threads);
      text(executor);
      runs.append(wallSeconds).append(agentDays).append(members).append(firstYear);
      text(note);
      runs.endRow();
    }

    private void nullable(Number n) throws SQLException {
      if (n == null) runs.appendNull();
      else if (n instanceof Long l) runs.append(l.longValue());
      else runs.append(n.intValue());
    }

    private void text(String s) throws SQLException {
      if (s == null) runs.appendNull();
      else runs.append(s);
    }

    void results(long id, RunSummary r) throws SQLException {
      for (var e : r.parameters().entrySet()) {
        parameters.beginRow().append(id).append(e.getKey()).append(e.getValue().doubleValue()).endRow();
      }
      for (var e : r.yearly().entrySet()) {
        double[] values = e.getValue();
        for (int i = 0; i < values.length; i++) {
          yearly.beginRow().append(id).append(r.firstYear() + i).append(e.getKey()).append(values[i]).endRow();
        }
      }
    }

    /** Flushes the rows into the transaction, which the caller then commits or rolls back. */
    @Override
    public void close() throws SQLException {
      runs.close();
      parameters.close();
      yearly.close();
    }
  }
}
