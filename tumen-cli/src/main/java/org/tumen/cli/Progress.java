package org.tumen.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on a terminal, nothing when output is piped (CI logs stay clean). */
final class Progress implements AutoCloseable {
  private ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress of(String task, long total) {
    return of(task, total, 0);
  }

  /** A bar resuming at {@code done}: its rate and ETA count this session's work only. */
  static Progress of(String task, long total, long done) {
    if (System.console() == null) return new Progress(null);
    return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).startsFrom(done, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build());
  }

  void day(int day, int days) {
    step(day + 1);
  }

  void step(long done) {
    ProgressBar b = bar;
    if (b != null) b.stepTo(done);
  }

  @Override
  public void close() {
    if (bar != null) bar.close();
    bar = null; // closing twice draws nothing more
  }
}
