package org.tumen.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
    if (threads > 1 && !handlers.isEmpty() && handlers.stream().allMatch(EventHandler::readsEventsOnly)) {
      Replay replay = new Replay(handlers, days, progress, cancelled);
      try (Workers workers = new Workers(threads, replay::replayOne)) {
        replay.run(model, workers);
      }
      for (EventHandler h : handlers) h.finish(days - 1);
      return;
    }
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

  /**
   * With more than one thread, the handlers replay day d while the model steps the following days. The
   * replay is the team's idle work (see {@link Workers}): a team thread with no task replays the oldest
   * day not yet replayed (the engine's thread does too, when all days in flight wait), one thread at a
   * time, so the handlers' serial work fills the gaps that the model's sequential phases leave, and the
   * run keeps as many threads busy as it was given. Handlers
   * still see every day once, in order, with the same buffer contents, so outputs do not change;
   * cancellation is also polled after each replayed day (a cap kept by a handler stops the run as soon as
   * that day is replayed).
   */
  private static final class Replay {
    /** Days in flight; the team is woken when half of them wait to be replayed. */
    private static final int SLOTS = 16, WAKE = SLOTS / 2;
    private final List<? extends EventHandler> handlers;
    private final int days;
    private final Progress progress;
    private final BooleanSupplier cancelled;
    private final EventBuffer[] slots = new EventBuffer[SLOTS];
    /** Days stepped by the model (published) and days replayed by the handlers (released). */
    private final AtomicInteger published = new AtomicInteger(), released = new AtomicInteger();
    /** Held by the thread replaying a day: handlers are called by one thread at a time. */
    private final AtomicBoolean replaying = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;

    Replay(List<? extends EventHandler> handlers, int days, Progress progress, BooleanSupplier cancelled) {
      this.handlers = handlers;
      this.days = days;
      this.progress = progress;
      this.cancelled = cancelled;
      for (int i = 0; i < SLOTS; i++) slots[i] = new EventBuffer();
    }

    /** Steps the model through every day (on the calling thread), then waits until all are replayed. */
    void run(Model model, Workers workers) {
      for (int day = 0; day < days; day++) {
        while (day - released.get() >= SLOTS) waitForReplay();
        check();
        if (cancelled.getAsBoolean()) throw new Cancelled();
        EventBuffer events = slots[day % SLOTS];
        events.clear();
        model.step(day, workers, events);
        published.set(day + 1);
        if (day + 1 - released.get() >= WAKE) workers.wake();
      }
      workers.wake();
      while (released.get() < days) waitForReplay();
      check();
    }

    /** Replays a day here, or waits briefly if another thread is replaying one. */
    private void waitForReplay() {
      check();
      if (!replayOne()) Thread.onSpinWait();
    }

    /** Replays the oldest day not yet replayed; false if there is none or another thread is at it. */
    boolean replayOne() {
      if (stop || released.get() >= published.get() || !replaying.compareAndSet(false, true)) return false;
      try {
        int day = released.get();
        if (day >= published.get()) return false;
        EventBuffer events = slots[day % SLOTS];
        for (EventHandler h : handlers) h.handleDay(day, events);
        if (progress != null) progress.onDay(day, days);
        released.set(day + 1);
        if (day + 1 < days && cancelled.getAsBoolean()) throw new Cancelled();
        return true;
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop = true;
        return false;
      } finally {
        replaying.set(false);
      }
    }

    /** Rethrows a handler's failure (or its cancellation) on the engine's thread. */
    private void check() {
      Throwable t = failure.get();
      if (t == null) return;
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error e) throw e;
      throw new IllegalStateException(t);
    }
  }

  /** Thrown when a run is cancelled on request; not an error. */
  public static final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("run cancelled", null, false, false);
    }
  }
}
