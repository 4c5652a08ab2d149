package org.tumen.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tumen.Simulation;
import org.tumen.Tumen;
import org.tumen.korea.KoreaTally;

/** Writes one run's files: manifest.json, yearly.csv, daily.csv, places.csv and ledger.csv. */
public final class RunOutputs {
  /** Periods of first crossing the ledger reports on. */
  public static final int[][] LEDGER_PERIODS = {{1990, 1999}, {2000, 2011}, {2012, 2019}, {2020, 2030}, {1990, 2030}};

  private RunOutputs() {}

  /** Writes every file into {@code dir} (which the caller makes appear atomically). */
  public static void write(Simulation.Result r, Path dir, String command) {
    try {
      writeManifest(r, dir.resolve("manifest.json"), command);
      writeYearly(r.tally(), dir.resolve("yearly.csv"));
      writeDaily(r, dir.resolve("daily.csv"));
      writeSeries(r.tally().firstYear(), r.tally().yearlyByPlace(), "place_", dir.resolve("yearly_by_place.csv"));
      writeLedger(r.tally(), dir.resolve("ledger.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CsvWriter csv(Path p) throws IOException {
    return CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(p);
  }

  public static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return String.format(java.util.Locale.ROOT, "%.6g", v);
  }

  static void writeManifest(Simulation.Result r, Path p, String command) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode m = json.createObjectNode();
    m.put("tool", "tumen");
    m.put("version", Tumen.VERSION);
    m.put("command", command);
    m.put("scenario", r.scenario().name());
    m.put("scenario_path", r.scenario().dir().toString());
    m.put("scenario_sha256", r.scenario().contentHash());
    m.put("model", r.scenario().rules().name());
    m.put("seed", r.seed());
    m.put("threads", r.threads());
    m.put("start", r.scenario().calendar().start().toString());
    m.put("end", r.scenario().calendar().end().toString());
    m.put("wall_seconds", r.wallSeconds());
    m.put("agent_days", r.agentDays());
    m.put("finished_at", Instant.now().toString());
    ObjectNode params = m.putObject("parameters");
    for (var e : r.parameters().values().entrySet()) params.put(e.getKey(), e.getValue());
    ObjectNode census = m.putObject("final_census");
    for (int s = 0; s < r.census().length; s++) census.put(r.states().get(s), r.census()[s]);
    json.writeValue(p.toFile(), m);
  }

  static void writeYearly(KoreaTally t, Path p) throws IOException {
    writeSeries(t.firstYear(), t.yearly(), "", p);
  }

  static void writeSeries(int firstYear, Map<String, double[]> series, String prefix, Path p) throws IOException {
    try (CsvWriter w = csv(p)) {
      List<String> header = new ArrayList<>();
      header.add("year");
      for (String k : series.keySet()) header.add(prefix + k);
      w.writeRecord(header);
      int years = series.values().stream().mapToInt(a -> a.length).max().orElse(0);
      for (int y = 0; y < years; y++) {
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(firstYear + y));
        for (double[] s : series.values()) row.add(num(s[y]));
        w.writeRecord(row);
      }
    }
  }

  static void writeDaily(Simulation.Result r, Path p) throws IOException {
    KoreaTally t = r.tally();
    int[][] flows = t.dailyFlows(), female = t.dailyFlowsFemale(), stocks = t.dailyStocks();
    try (CsvWriter w = csv(p)) {
      List<String> header = new ArrayList<>();
      header.add("date");
      for (String f : KoreaTally.FLOWS) {
        header.add(f);
        header.add(f + "_female");
      }
      header.addAll(KoreaTally.STOCKS);
      w.writeRecord(header);
      String[] row = new String[header.size()];
      int nf = KoreaTally.FLOWS.size();
      for (int d = 0; d < flows.length; d++) {
        row[0] = r.scenario().calendar().date(d).toString();
        for (int f = 0; f < nf; f++) {
          row[1 + 2 * f] = Integer.toString(flows[d][f]);
          row[2 + 2 * f] = Integer.toString(female[d][f]);
        }
        for (int s = 0; s < stocks[d].length; s++) row[1 + 2 * nf + s] = Integer.toString(stocks[d][s]);
        w.writeRecord(row);
      }
    }
  }

  static void writeLedger(KoreaTally t, Path p) throws IOException {
    try (CsvWriter w = csv(p)) {
      w.writeRecord("crossed_from", "crossed_to", "sex", "crossed", "per100_reached_south_korea", "per100_still_in_china",
          "per100_back_home", "per100_in_nk_detention", "per100_died", "per100_executed", "per100_ever_repatriated",
          "per100_worst_release", "per100_worst_labour_training", "per100_worst_kyohwaso", "per100_worst_kwanliso");
      for (KoreaTally.LedgerRow l : t.ledger(LEDGER_PERIODS)) {
        double c = Math.max(1, l.crossed());
        w.writeRecord(Integer.toString(l.fromYear()), Integer.toString(l.toYear()), l.sex(), Long.toString(l.crossed()),
            pct(l.reachedSouthKorea(), c), pct(l.stillInChina(), c), pct(l.backHome(), c), pct(l.inNkDetention(), c),
            pct(l.died(), c), pct(l.executed(), c), pct(l.everRepatriated(), c), pct(l.worstRelease(), c),
            pct(l.worstLabourTraining(), c), pct(l.worstKyohwaso(), c), pct(l.worstKwanliso(), c));
      }
    }
  }

  static String pct(long x, double of) {
    return String.format(java.util.Locale.ROOT, "%.1f", 100.0 * x / of);
  }

  /**
   * Creates {@code target} with the given contents all at once: written beside it in a hidden folder
   * ({@code .NAME.partial-PID-*}), then moved into place. An existing target is first moved aside
   * ({@code .NAME.old-PID-*}) and deleted once the new one is in place. A process killed at any point leaves
   * the target absent or complete; what it leaves beside it is cleaned up by the next call (see
   * {@link #removeStale}).
   */
  public static void atomically(Path target, IoAction fill) {
    Path parent = target.toAbsolutePath().getParent();
    String name = target.getFileName().toString();
    long pid = ProcessHandle.current().pid();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      removeStale(parent, name);
      tmp = Files.createTempDirectory(parent, "." + name + PARTIAL + pid + "-");
      fill.accept(tmp);
      Path old = null;
      if (Files.exists(target)) {
        old = parent.resolve("." + name + OLD + pid + "-" + System.nanoTime());
        Files.move(target, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      if (old != null) deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (tmp != null) deleteTree(tmp);
    }
  }

  static final String PARTIAL = ".partial-", OLD = ".old-";

  /**
   * Cleans up after writers of {@code parent/name} that were killed: their hidden {@code .partial-} folders are
   * deleted, and a previous output they had moved aside ({@code .old-}) is put back when the target is missing
   * (a kill between the two moves) or deleted when it is not. Only folders whose writer process (the PID in the
   * name) is no longer alive are touched, so another process writing the same target at the same time is safe.
   */
  static void removeStale(Path parent, String name) throws IOException {
    List<Path> partial = new ArrayList<>(), old = new ArrayList<>();
    try (var s = Files.list(parent)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String f = p.getFileName().toString();
        boolean isPartial = f.startsWith("." + name + PARTIAL), isOld = f.startsWith("." + name + OLD);
        if (!isPartial && !isOld) continue;
        String rest = f.substring(name.length() + 1 + (isPartial ? PARTIAL.length() : OLD.length()));
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
          continue; // not ours
        }
        if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
        (isPartial ? partial : old).add(p);
      }
    }
    for (Path p : partial) deleteTree(p);
    Path target = parent.resolve(name);
    old.sort(java.util.Comparator.comparing(RunOutputs::modified).reversed()); // the newest output first
    for (Path p : old) {
      if (!Files.exists(target)) {
        try {
          Files.move(p, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          continue;
        } catch (IOException e) {
          // someone else restored it first; fall through and delete this one
        }
      }
      deleteTree(p);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Writes a text file all at once: into a temporary file beside it, then moved over it. */
  public static void writeFileAtomically(Path file, String text) {
    try {
      Path d = file.toAbsolutePath().getParent();
      Files.createDirectories(d);
      Path tmp = Files.createTempFile(d, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A step that may fail with an I/O error. */
  @FunctionalInterface
  public interface IoAction {
    void accept(Path dir) throws IOException;
  }

  static void deleteTree(Path p) {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a leftover hidden temp folder is harmless
    }
  }
}
