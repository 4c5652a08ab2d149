package org.tumen.engine;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
      try (Workers workers = new Workers(threads)) {
        new Pipeline(model, workers, handlers, progress, cancelled).run(days);
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
   * With more than one thread, the handlers replay day d on their own thread while the model steps the
   * following days: the tallies are serial work that would otherwise leave the other core idle while the
   * model is in a sequential phase. Handlers still see every day once, in order, with the same buffer
   * contents, so outputs do not change; cancellation is also polled after each day's handlers (a cap kept
   * by a handler stops the run as soon as that day is replayed).
   */
  private static final class Pipeline {
    /** Days in flight; the engine wakes the handlers' thread only when half of them are waiting. */
    private static final int SLOTS = 16, WAKE = SLOTS / 2;
    private final Model model;
    private final Workers workers;
    private final List<? extends EventHandler> handlers;
    private final Progress progress;
    private final BooleanSupplier cancelled;
    private final EventBuffer[] slots = new EventBuffer[SLOTS];
    /** Days stepped by the model (published) and days replayed by the handlers (released). */
    private final AtomicInteger published = new AtomicInteger(), released = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stop;
    private volatile Thread waitingConsumer, waitingProducer;
    private Thread producer;

    Pipeline(Model model, Workers workers, List<? extends EventHandler> handlers, Progress progress,
        BooleanSupplier cancelled) {
      this.model = model;
      this.workers = workers;
      this.handlers = handlers;
      this.progress = progress;
      this.cancelled = cancelled;
      for (int i = 0; i < SLOTS; i++) slots[i] = new EventBuffer();
    }

    void run(int days) {
      producer = Thread.currentThread();
      Thread consumer = new Thread(() -> consume(days), "tumen-handlers");
      consumer.setDaemon(true);
      consumer.start();
      try {
        for (int day = 0; day < days; day++) {
          while (day - released.get() >= SLOTS) {
            check();
            waitingProducer = producer;
            if (day - released.get() >= SLOTS && !stop) LockSupport.parkNanos(this, 200_000);
            waitingProducer = null;
          }
          check();
          if (cancelled.getAsBoolean()) throw new Cancelled();
          EventBuffer events = slots[day % SLOTS];
          events.clear();
          model.step(day, workers, events);
          published.set(day + 1);
          // Waking the other thread costs a system call; a day's tally is short, so let days pile up a bit.
          Thread c = waitingConsumer;
          if (c != null && day + 1 - released.get() >= WAKE) LockSupport.unpark(c);
        }
        Thread c = waitingConsumer;
        if (c != null) LockSupport.unpark(c);
        while (released.get() < days) {
          check();
          waitingProducer = producer;
          if (released.get() < days && !stop) LockSupport.parkNanos(this, 200_000);
          waitingProducer = null;
        }
        check();
      } finally {
        stop = true;
        LockSupport.unpark(consumer);
        joinQuietly(consumer);
      }
      check();
    }

    /** Rethrows a handler's failure (or its cancellation) on the engine's thread. */
    private void check() {
      Throwable t = failure.get();
      if (t == null) return;
      if (t instanceof RuntimeException r) throw r;
      if (t instanceof Error e) throw e;
      throw new IllegalStateException(t);
    }

    private void consume(int days) {
      try {
        for (int day = 0; day < days; day++) {
          while (published.get() <= day) {
            if (stop) return;
            waitingConsumer = Thread.currentThread();
            if (published.get() <= day && !stop) LockSupport.parkNanos(this, 1_000_000);
            waitingConsumer = null;
          }
          EventBuffer events = slots[day % SLOTS];
          for (EventHandler h : handlers) h.handleDay(day, events);
          if (progress != null) progress.onDay(day, days);
          released.set(day + 1);
          Thread p = waitingProducer;
          if (p != null) LockSupport.unpark(p);
          if (day + 1 < days && cancelled.getAsBoolean()) throw new Cancelled();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop = true;
        LockSupport.unpark(producer);
      }
    }

    private static void joinQuietly(Thread t) {
      boolean interrupted = false;
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /** Thrown when a run is cancelled on request; not an error. */
  public static final class Cancelled extends RuntimeException {
    public Cancelled() {
      super("run cancelled", null, false, false);
    }
  }
}
