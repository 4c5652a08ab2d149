package org.tumen.calibration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.tumen.Simulation;
import org.tumen.batch.BatchExecutor;
import org.tumen.batch.RunSummary;
import org.tumen.batch.RunTask;
import org.tumen.engine.Engine;
import org.tumen.engine.RandomStream;
import org.tumen.report.Observed;
import org.tumen.report.RunOutputs;
import org.tumen.scenario.InvalidInputException;
import org.tumen.scenario.Scenario;

/**
 * A reference table for amortised ABC: simulations of a scenario with every {@code calibrate} parameter
 * drawn from its prior, each run to the end of the last year the record reads (2012, the last hidden-population
 * estimate). Calibration, simulation-based calibration and backtests are all analyses of the same table
 * ({@link RegressionAbc}); none of them simulates again.
 *
 * <p>Row i draws its parameters and its run seed from a stream keyed by (seed, i), so the table is the same
 * at any thread count, and a larger table is the same table with rows appended. It is written in chunks of
 * {@code chunk} rows, each file whole or absent (temporary name, then moved), next to {@code table.json},
 * which names everything a chunk depends on. A stopped build resumes at the first missing chunk, losing at
 * most the chunk under way. Resuming re-simulates row 0 and refuses the table if the model now gives another
 * history for it: the scenario's hash does not see a change to the model's code.
 *
 * <p>A run that passes {@link Settings#maxEvents} events is cut (prior draws with, say, 25 times the
 * baseline crossing rate) and keeps no series. The cut depends on the parameters and seed only, never on
 * data, so it truncates the prior the same way for every analysis, the backtests included.
 */
public final class ReferenceTable {
  public static final String MANIFEST = "table.json";
  /** The event count of a row's run (one value, not a yearly series). */
  static final String EVENTS = "events";
  /** The default event cap: 2.4 times the most events of any particle of the local posterior (3.4 million by 2012). */
  public static final long MAX_EVENTS = 8_000_000;
  /** What each row keeps: the series the record is compared with. */
  public static final List<String> SERIES = List.of("arrived_south_korea", "arrived_south_korea_female", "hiding_in_china");
  private static final long STREAM_ROW = 401;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param size rows wanted (rounded up to whole chunks); a table may be grown by asking for more
   * @param chunk rows per file: a stop loses at most one chunk of work
   * @param seed the table's seed
   * @param maxEvents runs with more events are cut (they keep no series)
   */
  public record Settings(int size, int chunk, long seed, long maxEvents) {
    public Settings {
      if (maxEvents < 1) throw new IllegalArgumentException("the event cap must be positive, got " + maxEvents);
      if (size < 1) throw new IllegalArgumentException("the table needs at least 1 row, got " + size);
      if (chunk < 1) throw new IllegalArgumentException("a chunk needs at least 1 row, got " + chunk);
    }

    public int chunks() {
      return (size + chunk - 1) / chunk;
    }

    public int rows() {
      return chunks() * chunk;
    }
  }

  /** What table.json records. Everything but the row count must match to add to or read a table. */
  record Manifest(String fingerprint, int chunk, long seed, int firstYear, int lastYear, List<String> parameters,
      List<String> series) {}

  /** Told about progress (from worker threads too). */
  public interface Listener {
    default void started(int rowsDone, int rowsWanted) {}

    default void rowsDone(int rowsDone, int rowsWanted) {}

    /** A chunk finished: its rows, and the seconds they took. */
    default void chunk(int index, int rows, double seconds) {}
  }

  private final ParameterSpace space;
  private final int firstYear, lastYear;
  private final long seed;
  private final long[] seeds, events;
  private final double[][] theta;
  private final double[][][] series;

  private ReferenceTable(ParameterSpace space, int firstYear, int lastYear, long seed, long[] seeds, long[] events, double[][] theta,
      double[][][] series) {
    this.space = space;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.seed = seed;
    this.seeds = seeds;
    this.events = events;
    this.theta = theta;
    this.series = series;
  }

  /** A table held in memory (tests, synthetic problems): theta in internal coordinates, series[s][row][year]. */
  static ReferenceTable of(ParameterSpace space, int firstYear, int lastYear, long seed, double[][] theta, double[][][] series) {
    return new ReferenceTable(space, firstYear, lastYear, seed, new long[theta.length], new long[theta.length], theta, series);
  }

  public ParameterSpace space() {
    return space;
  }

  public int size() {
    return theta.length;
  }

  public int firstYear() {
    return firstYear;
  }

  public int lastYear() {
    return lastYear;
  }

  public long seed() {
    return seed;
  }

  /** Row i's parameters in internal coordinates (the prior's own scale). */
  public double[] theta(int row) {
    return theta[row];
  }

  /** Whether row i was cut by the event cap (no series). */
  public boolean cut(int row) {
    return Double.isNaN(series[0][row][0]);
  }

  /** The number of events of row i's run (for a cut row, the count when it was cut). */
  public long events(int row) {
    return events[row];
  }

  /** Series {@code name} of row i in {@code year}. */
  public double value(String name, int row, int year) {
    return series[SERIES.indexOf(name)][row][year - firstYear];
  }

  // ---- building ----

  /**
   * The scenario's space of calibrate parameters (all of them, or those matching {@code only}), with the
   * scenario's written values for the rest: an installed posterior plays no part in a table of the prior.
   */
  public static Scenario priorScenario(Scenario s) {
    return s.posterior() == null ? s : org.tumen.Tumen.loader().withoutPosteriors().load(s.dir());
  }

  /** Simulates the rows still missing (resuming a stopped build), then reads the whole table. */
  public static ReferenceTable build(Scenario s, List<String> only, Path dir, Settings settings, BatchExecutor executor,
      Listener listener, BooleanSupplier cancelled) {
    Scenario prior = priorScenario(s);
    ParameterSpace space = ParameterSpace.of(prior.parameters(), only);
    if (space.dimension() == 0) {
      throw new InvalidInputException(s.name(), 0, "calibrate", "no calibrate parameter matches " + only);
    }
    Distance distance = new Distance(Observed.read(s.observed().get("arrivals"), s.observed().get("hidden")));
    int last = Math.min(distance.lastYear(), prior.calendar().end().getYear());
    Scenario cut = prior.until(LocalDate.of(last, 12, 31));
    Manifest manifest = new Manifest(fingerprint(s, space, settings, last), settings.chunk(), settings.seed(),
        cut.calendar().start().getYear(), last, space.names(), SERIES);
    Manifest existing = readManifest(dir);
    if (existing != null && !existing.equals(manifest)) {
      throw new InvalidInputException(dir.resolve(MANIFEST).toString(), 0, "fingerprint", "the table in this folder was made"
          + " with other settings, another scenario or other priors; use another folder (--table) or the same settings\n  table: "
          + existing.fingerprint() + "\n  now:   " + manifest.fingerprint());
    }
    writeManifest(dir, manifest);
    AbcSmc.Simulator simulator = (task, tolerance) -> simulate(cut, task, settings.maxEvents());
    int done = 0;
    for (int c = 0; c < settings.chunks(); c++) if (Files.isRegularFile(chunkFile(dir, c))) done += settings.chunk();
    listener.started(done, settings.rows());
    if (Files.isRegularFile(chunkFile(dir, 0))) checkModel(dir, manifest, space, s.dir().toString(), simulator);
    for (int c = 0; c < settings.chunks(); c++) {
      if (Files.isRegularFile(chunkFile(dir, c))) continue;
      if (cancelled.getAsBoolean()) throw new AbcSmc.Stopped();
      long t0 = System.nanoTime();
      int from = c * settings.chunk(), before = done;
      List<RunTask> tasks = new ArrayList<>();
      for (int i = from; i < from + settings.chunk(); i++) tasks.add(task(space, settings.seed(), s.dir().toString(), i));
      List<RunSummary> runs = executor.execute(tasks, task -> simulator.run(task, Double.POSITIVE_INFINITY),
          (k, total) -> listener.rowsDone(before + k, settings.rows()));
      RunOutputs.writeFileAtomically(chunkFile(dir, c), chunkCsv(manifest, space, tasks, runs));
      done += settings.chunk();
      listener.chunk(c, settings.chunk(), (System.nanoTime() - t0) / 1e9);
    }
    return read(dir, space, settings.rows());
  }

  /**
   * One row's run. A run that passes {@code maxEvents} is cut short and keeps no series. Both kinds carry the
   * run's event count as the one-value series {@link #EVENTS}: how close the accepted rows came to the cap
   * tells whether the cap truncated anything that fits.
   */
  static RunSummary simulate(Scenario s, RunTask task, long maxEvents) {
    EventBudget budget = new EventBudget(maxEvents);
    Simulation.Options o = Simulation.Options.of(task.seed(), 1).withOverrides(task.parameters())
        .withHandlers(List.of(budget)).withProgress(null, budget::exceeded);
    Map<String, double[]> yearly = new LinkedHashMap<>();
    try {
      RunSummary r = Simulation.summarize(task, Simulation.run(s, o));
      for (String name : SERIES) yearly.put(name, r.series(name));
    } catch (Engine.Cancelled e) {
      // cut: no series
    }
    yearly.put(EVENTS, new double[] {budget.events()});
    return new RunSummary(task.index(), task.scenario(), task.seed(), task.draw(), task.parameters(), s.calendar().start().getYear(),
        yearly, 0, 0);
  }

  /** Row i's task: its prior draw and run seed, from a stream keyed by (seed, i). */
  static RunTask task(ParameterSpace space, long seed, String scenario, int row) {
    RandomStream rng = new RandomStream(seed, STREAM_ROW, row, 0);
    double[] x = space.samplePrior(rng);
    return new RunTask(row, scenario, rng.nextLong(), row, space.overrides(x));
  }

  /** What a chunk depends on, besides the row numbers: scenario inputs, priors, seed, chunk size, years, event cap. */
  static String fingerprint(Scenario s, ParameterSpace space, Settings settings, int lastYear) {
    return "table;scenario=" + Calibration.inputsHash(s.dir()) + ";seed=" + settings.seed() + ";chunk=" + settings.chunk()
        + ";until=" + lastYear + ";maxEvents=" + settings.maxEvents() + ";series=" + SERIES + ";space=" + space.fingerprint();
  }

  private static void checkModel(Path dir, Manifest m, ParameterSpace space, String scenario, AbcSmc.Simulator simulator) {
    ReferenceTable stored = readChunks(dir, space, m, 1);
    RunTask t = task(space, m.seed(), scenario, 0);
    RunSummary now = simulator.run(t, Double.POSITIVE_INFINITY);
    for (int s = 0; s < SERIES.size(); s++) {
      for (int y = m.firstYear(); y <= m.lastYear(); y++) {
        double was = stored.series[s][0][y - m.firstYear()];
        double is = now.yearly().isEmpty() ? Double.NaN : now.value(SERIES.get(s), y);
        if (Double.compare(was, is) != 0) {
          throw new InvalidInputException(chunkFile(dir, 0).toString(), 2, SERIES.get(s) + "@" + y, "the model now simulates"
              + " row 0 differently (" + is + ", the table has " + was + "): the table was made by another build of the model;"
              + " delete the folder or use another (--table) to simulate a new one");
        }
      }
    }
  }

  static Path chunkFile(Path dir, int c) {
    return dir.resolve(String.format("chunk-%05d.csv", c));
  }

  private static String chunkCsv(Manifest m, ParameterSpace space, List<RunTask> tasks, List<RunSummary> runs) {
    StringWriter out = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
      w.writeRecord(header(m));
      for (int k = 0; k < tasks.size(); k++) {
        RunTask t = tasks.get(k);
        RunSummary r = runs.get(k);
        List<String> f = new ArrayList<>();
        f.add(Integer.toString(t.index()));
        f.add(Long.toString(t.seed()));
        f.add(Long.toString((long) r.yearly().get(EVENTS)[0]));
        for (String name : space.names()) f.add(Double.toString(t.parameters().get(name)));
        boolean cut = !r.yearly().containsKey(SERIES.get(0));
        for (String name : SERIES) {
          for (int y = m.firstYear(); y <= m.lastYear(); y++) f.add(cut ? "" : Double.toString(r.value(name, y)));
        }
        w.writeRecord(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static List<String> header(Manifest m) {
    List<String> h = new ArrayList<>(List.of("row", "seed", EVENTS));
    h.addAll(m.parameters());
    for (String name : m.series()) for (int y = m.firstYear(); y <= m.lastYear(); y++) h.add(name + "@" + y);
    return h;
  }

  // ---- reading ----

  /** Reads the first {@code rows} rows (whole chunks) of the table in {@code dir}. */
  public static ReferenceTable read(Path dir, ParameterSpace space, int rows) {
    Manifest m = readManifest(dir);
    if (m == null) throw new InvalidInputException(dir.toString(), 0, MANIFEST, "no reference table here (no " + MANIFEST + ")");
    if (!m.parameters().equals(space.names())) {
      throw new InvalidInputException(dir.resolve(MANIFEST).toString(), 0, "parameters", "the table varies " + m.parameters()
          + ", expected " + space.names());
    }
    return readChunks(dir, space, m, (rows + m.chunk() - 1) / m.chunk());
  }

  private static ReferenceTable readChunks(Path dir, ParameterSpace space, Manifest m, int chunks) {
    int years = m.lastYear() - m.firstYear() + 1, n = chunks * m.chunk(), p = space.dimension();
    long[] seeds = new long[n], events = new long[n];
    double[][] theta = new double[n][p];
    double[][][] series = new double[m.series().size()][n][years];
    List<String> header = header(m);
    for (int c = 0; c < chunks; c++) {
      Path file = chunkFile(dir, c);
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(file.toString(), 0, "", "missing chunk: the table has fewer than " + n + " rows");
      }
      int row = c * m.chunk();
      try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
        boolean first = true;
        for (CsvRecord r : reader) {
          int line = (int) r.getStartingLineNumber();
          if (first) {
            if (!r.getFields().equals(header)) throw new InvalidInputException(file.toString(), line, "", "unexpected header");
            first = false;
            continue;
          }
          if (row >= (c + 1) * m.chunk() || r.getFieldCount() != header.size() || Integer.parseInt(r.getField(0)) != row) {
            throw new InvalidInputException(file.toString(), line, "row", "expected row " + row + " with " + header.size() + " fields");
          }
          seeds[row] = Long.parseLong(r.getField(1));
          events[row] = Long.parseLong(r.getField(2));
          for (int j = 0; j < p; j++) theta[row][j] = space.toInternal(j, Double.parseDouble(r.getField(3 + j)));
          int k = 3 + p;
          for (double[][] s : series) {
            for (int y = 0; y < years; y++, k++) s[row][y] = r.getField(k).isEmpty() ? Double.NaN : Double.parseDouble(r.getField(k));
          }
          row++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(file.toString(), 0, "", "not a number: " + e.getMessage());
      }
      if (row != (c + 1) * m.chunk()) throw new InvalidInputException(file.toString(), 0, "", "expected " + m.chunk() + " rows");
    }
    return new ReferenceTable(space, m.firstYear(), m.lastYear(), m.seed(), seeds, events, theta, series);
  }

  /** Rows on file: whole chunks from the first, up to the first missing one. */
  public static int rowsOnFile(Path dir) {
    Manifest m = readManifest(dir);
    if (m == null) return 0;
    int c = 0;
    while (Files.isRegularFile(chunkFile(dir, c))) c++;
    return c * m.chunk();
  }

  private static Manifest readManifest(Path dir) {
    Path f = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(f)) return null;
    try {
      return JSON.readValue(f.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new InvalidInputException(f.toString(), 0, "", "cannot read the table manifest: " + e.getMessage());
    }
  }

  private static void writeManifest(Path dir, Manifest m) {
    try {
      RunOutputs.writeFileAtomically(dir.resolve(MANIFEST), JSON.writeValueAsString(m) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cut rows and the share of rows cut: what the prior's truncation by the event cap removes. */
  public Map<String, Double> cutSummary() {
    long cut = java.util.stream.IntStream.range(0, size()).filter(this::cut).count();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("rows", (double) size());
    m.put("cut", (double) cut);
    return m;
  }

  @Override
  public String toString() {
    return "ReferenceTable[" + size() + " rows, " + space.dimension() + " parameters, " + firstYear + "-" + lastYear + ", seed "
        + seed + ", " + Arrays.toString(cutSummary().values().toArray()) + "]";
  }
}
