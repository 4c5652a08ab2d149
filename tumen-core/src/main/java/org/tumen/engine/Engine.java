package org.tumen.engine;

import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs a model day by day and hands each day's events to the handlers. The whole core loop. */
public final class Engine {
  /** Told the day after each step; used for progress bars. */
  public interface Progress {
    void onDay(int day, int days);
  }

  private Engine() {}

  /**
   * Runs the model from its first to its last day.
   *
   * @param cancelled polled once a day; when it answers true the run stops with {@link Cancelled}
   */
  public static void run(Model model, int threads, List<? extends EventHandler> handlers,
      Progress progress, BooleanSupplier cancelled) {
    SimCalendar calendar = model.calendar();
    int days = calendar.days();
    for (EventHandler h : handlers) h.start(model.vocabulary(), calendar);
    EventBuffer events = new EventBuffer();
    try (Workers workers = new Workers(threads)) {
      for (int day = 0; day < days; day++) {
        if (cancelled.getAsBoolean()) throw new Cancelled();
        events.clear();
        model.step(day, workers, events);
        for (EventHandler h : handlers) h.handleDay(day, events);
        if (progress != null) progress.onDay(day, days);
      }
    }
    for (EventHandler h : handlers) h.finish(days - 1);
  }

  public static void run(Model model, int threads, List<? extends EventHandler> handlers) {
    run(model, threads, handlers, null, () -> false);
  }

  /** Thrown when a run is cancelled on request; not an error. */
  public static final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("run cancelled", null, false, false);
    }
  }
}
