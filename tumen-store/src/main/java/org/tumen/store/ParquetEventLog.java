package org.tumen.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.tumen.engine.EventBuffer;
import org.tumen.engine.EventHandler;
import org.tumen.engine.SimCalendar;
import org.tumen.engine.Vocabulary;

/**
 * Writes every event of a run to one Parquet file: columns {@code day, date, agent, from, to, place, cause,
 * sex, count}, with states, places, causes and sex as names (Parquet dictionary-encodes them, so they cost a
 * few bits a row; sex is {@code female}, {@code male}, or null where the rule set does not model it).
 *
 * <p>How: the engine's thread copies each day's rows into a chunk of primitive arrays (cheap); full chunks go
 * to one background thread that appends each as a single row of list columns to an in-memory DuckDB table
 * (whole arrays at once: about five times faster than appending row by row); {@link #finish} unnests the
 * lists and writes them with DuckDB's {@code COPY ... TO ... (FORMAT parquet)}, turning codes into names on
 * the way, into a temporary file beside the target, then moves it into place atomically. A run that fails or is cancelled
 * ({@link #close} without {@link #finish}) leaves no file behind.
 *
 * <p>Use it in try-with-resources around {@code Engine.run}, since the engine does not tell handlers about
 * failures.
 */
public final class ParquetEventLog implements EventHandler, AutoCloseable {
  /** Rows per chunk handed to the writer thread; large enough to amortise, small enough to overlap. */
  static final int CHUNK_ROWS = 1 << 16;
  /** Chunks waiting for the writer; bounds memory when the engine produces faster than DuckDB appends. */
  private static final int QUEUE_CHUNKS = 4;

  private final Path target;
  private Path temporary;
  private Connection connection;
  private SimCalendar calendar;
  private Vocabulary vocabulary;
  private Chunk current;
  private BlockingQueue<Chunk> queue;
  private Thread writer;
  private volatile Throwable writerFailure;
  private long rows;
  private boolean finished;

  public ParquetEventLog(Path target) {
    this.target = target.toAbsolutePath();
  }

  /** Where the file appears once the run has finished. */
  public Path target() {
    return target;
  }

  /** Rows written so far (all of them after {@link #finish}). */
  public long rows() {
    return rows;
  }

  @Override
  public void start(Vocabulary vocabulary, SimCalendar calendar) {
    this.vocabulary = vocabulary;
    this.calendar = calendar;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        // One writer thread is enough for DuckDB here; leave the cores to the simulation.
        s.execute("SET threads = 1");
        s.execute("SET preserve_insertion_order = true");
        s.execute("CREATE TABLE chunks (day INTEGER[], agent INTEGER[], \"from\" SMALLINT[], \"to\" SMALLINT[],"
            + " place SMALLINT[], cause SMALLINT[], sex SMALLINT[], count INTEGER[])");
      }
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("cannot start the events log " + target, e);
    }
    current = new Chunk();
    queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    writer = new Thread(this::appendChunks, "tumen-events-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public boolean readsEventsOnly() {
    return true;
  }

  @Override
  public void handleDay(int day, EventBuffer events) {
    int n = events.size();
    for (int i = 0; i < n; i++) {
      current.add(events, i);
      if (current.size == CHUNK_ROWS) {
        hand(current);
        current = new Chunk();
      }
    }
    rows += n;
  }

  /** Gives a full chunk to the writer, waiting when it is behind; rethrows the writer's failure. */
  private void hand(Chunk chunk) {
    checkWriter();
    try {
      queue.put(chunk);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing the events log " + target, e);
    }
  }

  private void checkWriter() {
    if (writerFailure != null) throw new StoreException("cannot write the events log " + target, writerFailure);
  }

  /** The writer thread: appends chunks, one table row each, until it meets the empty end-of-stream chunk. */
  private void appendChunks() {
    DuckDBConnection duck = (DuckDBConnection) connection;
    try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "chunks")) {
      while (true) {
        Chunk c = queue.take().trimmed();
        if (c.size == 0) break;
        appender.beginRow()
            .append(c.day).append(c.agent).append(c.from).append(c.to)
            .append(c.place).append(c.cause).append(c.sex).append(c.count)
            .endRow();
      }
    } catch (Throwable t) {
      writerFailure = t;
      queue.clear(); // unblocks the engine's thread if it is waiting to put
    }
  }

  @Override
  public void finish(int lastDay) {
    if (writer == null) throw new IllegalStateException("finish before start");
    try {
      if (current.size > 0) hand(current);
      hand(new Chunk(0)); // end of stream
      writer.join();
      checkWriter();
      writer = null;
      Files.createDirectories(target.getParent());
      // A fresh hidden name beside the target (same file system, so the move is atomic); DuckDB creates the
      // file itself, with the usual permissions (Files.createTempFile would make it private to the owner).
      temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try (Statement s = connection.createStatement()) {
        s.execute("COPY (" + selectNamed() + ") TO " + sqlString(temporary.toString())
            + " (FORMAT parquet, COMPRESSION zstd)");
      }
      moveIntoPlace(temporary, target);
      temporary = null;
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while writing the events log " + target, e);
    } catch (SQLException e) {
      throw new StoreException("cannot write the events log " + target, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events log " + target, e);
    } finally {
      close();
    }
  }

  /**
   * The rows in engine order (chunks in insertion order, each unnested in order: the lists of one chunk
   * unnest side by side), codes replaced by names and days by dates.
   */
  private String selectNamed() {
    String rows = "SELECT unnest(day) AS day, unnest(agent) AS agent, unnest(\"from\") AS \"from\","
        + " unnest(\"to\") AS \"to\", unnest(place) AS place, unnest(cause) AS cause, unnest(sex) AS sex,"
        + " unnest(count) AS count FROM chunks";
    return "SELECT day, DATE " + sqlString(calendar.start().toString()) + " + day AS date, agent,"
        + " " + nameList(vocabulary.states()) + "[\"from\" + 1] AS \"from\","
        + " " + nameList(vocabulary.states()) + "[\"to\" + 1] AS \"to\","
        + " " + nameList(vocabulary.places()) + "[place + 1] AS place,"
        + " " + nameList(vocabulary.causes()) + "[cause + 1] AS cause,"
        + " CASE sex WHEN 0 THEN 'male' WHEN 1 THEN 'female' END AS sex,"
        + " count FROM (" + rows + ")";
  }

  /** A SQL list literal of names; indexing it with a code outside the list gives NULL. */
  private static String nameList(List<String> names) {
    if (names.isEmpty()) return "CAST([] AS VARCHAR[])";
    return names.stream().map(ParquetEventLog::sqlString).collect(Collectors.joining(", ", "[", "]"));
  }

  static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static void moveIntoPlace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this only happens on odd file systems; a plain replace is the best left.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Releases everything; without a successful {@link #finish} the run leaves no file behind. */
  @Override
  public void close() {
    if (writer != null) {
      writer.interrupt();
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writer = null;
    }
    closeQuietly();
    if (temporary != null) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // nothing more to do; the name starts with a dot and ends in .tmp, so it is recognisably debris
      }
      temporary = null;
    }
  }

  /** True once the file is in place. */
  public boolean finished() {
    return finished;
  }

  private void closeQuietly() {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing an in-memory database; nothing to save
    }
    connection = null;
  }

  /** A block of rows in columns, filled by the engine's thread and drained by the writer. */
  private static final class Chunk {
    final int[] day;
    final int[] agent;
    final short[] from;
    final short[] to;
    final short[] place;
    final short[] cause;
    final short[] sex; // short, not byte: the appender takes byte[] as a BLOB
    final int[] count;
    int size;

    Chunk() {
      this(CHUNK_ROWS);
    }

    Chunk(int capacity) {
      day = new int[capacity];
      agent = new int[capacity];
      from = new short[capacity];
      to = new short[capacity];
      place = new short[capacity];
      cause = new short[capacity];
      sex = new short[capacity];
      count = new int[capacity];
    }

    /** This chunk with arrays cut to its size, since the appender takes whole arrays. */
    Chunk trimmed() {
      if (size == day.length) return this;
      Chunk t = new Chunk(size);
      System.arraycopy(day, 0, t.day, 0, size);
      System.arraycopy(agent, 0, t.agent, 0, size);
      System.arraycopy(from, 0, t.from, 0, size);
      System.arraycopy(to, 0, t.to, 0, size);
      System.arraycopy(place, 0, t.place, 0, size);
      System.arraycopy(cause, 0, t.cause, 0, size);
      System.arraycopy(sex, 0, t.sex, 0, size);
      System.arraycopy(count, 0, t.count, 0, size);
      t.size = size;
      return t;
    }

    void add(EventBuffer e, int i) {
      day[size] = e.day(i);
      agent[size] = e.agent(i);
      from[size] = (short) e.from(i);
      to[size] = (short) e.to(i);
      place[size] = (short) e.place(i);
      cause[size] = (short) e.cause(i);
      sex[size] = (short) e.sex(i);
      count[size] = e.count(i);
      size++;
    }
  }
}
