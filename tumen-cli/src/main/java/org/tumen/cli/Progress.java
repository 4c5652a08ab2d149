package org.tumen.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on a terminal; elsewhere (a pipe, a CI log, nohup) plain lines on standard error, one per tenth
 * of the work and at most one every {@link #MIN_GAP_NANOS}, so that a long command shows it is alive without
 * flooding a log. Standard output keeps only the results.
 */
final class Progress implements AutoCloseable {
  static final long MIN_GAP_NANOS = 5_000_000_000L;

  private ProgressBar bar;
  private Lines lines;

  private Progress(ProgressBar bar, Lines lines) {
    this.bar = bar;
    this.lines = lines;
  }

  static Progress of(String task, long total) {
    return of(task, total, 0);
  }

  /** Progress resuming at {@code done}: the bar's rate and ETA count this session's work only. */
  static Progress of(String task, long total, long done) {
    if (System.console() == null) {
      Lines lines = new Lines(task, total, System.err, System::nanoTime);
      lines.at(done);
      return new Progress(null, lines);
    }
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(done, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build(), null);
  }

  void day(int day, int days) {
    step(day + 1L);
  }

  void step(long done) {
    ProgressBar b = bar;
    if (b != null) b.stepTo(done);
    Lines l = lines;
    if (l != null) l.at(done);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
    if (lines != null) lines.close();
    bar = null; // closing twice draws nothing more
    lines = null;
  }

  /** The plain lines: "run korea: 40% (5,990 of 14,975), 3 s". */
  static final class Lines {
    private final String task;
    private final long total;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long lastLine;
    private int lastTenth;
    private long done;
    private boolean printed;

    Lines(String task, long total, PrintStream out, LongSupplier clock) {
      this.task = task;
      this.total = Math.max(1, total);
      this.out = out;
      this.clock = clock;
      this.start = clock.getAsLong();
      this.lastLine = start;
    }

    synchronized void at(long now) {
      done = Math.max(done, now);
      int tenth = (int) Math.min(10, 10 * done / total);
      long t = clock.getAsLong();
      if (tenth > lastTenth && tenth < 10 && t - lastLine >= MIN_GAP_NANOS) {
        lastTenth = tenth;
        lastLine = t;
        print(t);
      }
    }

    /** A last line, if any was printed: the work is done (or stopped). */
    synchronized void close() {
      if (printed) print(clock.getAsLong());
    }

    private void print(long t) {
      printed = true;
      out.printf(Locale.ROOT, "%s: %d%% (%,d of %,d), %.0f s%n", task, 100 * done / total, done, total, (t - start) / 1e9);
      out.flush();
    }
  }
}
