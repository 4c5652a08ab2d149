package org.tumen.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs numbered tasks (chunks of agents) and waits for all of them.
 *
 * <p>Results never depend on the thread count because the caller decides the chunks from the data (a
 * fixed chunk size, not "one chunk per thread") and merges per-chunk results in chunk order. Each call
 * allocates one small job object, not one per agent, so it can be used every simulated day.
 *
 * <p>A team may be given <em>idle work</em>: something its threads do, a piece at a time, when they have no
 * task (the caller of {@link #forEach} is not one of them: it owns the critical path). The engine uses it to
 * replay finished days into the event handlers, so that a run keeps exactly as many threads busy as it
 * was given, instead of adding a handlers' thread that competes with the team for the same cores.
 */
public final class Workers implements AutoCloseable {
  /** How long an idle thread keeps looking for work before it parks: a day's next call comes soon. */
  private static final long SPIN_NANOS = 50_000;
  private final Thread[] threads;
  private final BooleanSupplier idleWork;
  private volatile Job job;
  private volatile boolean closed;

  /** One call of {@link #forEach}: its own counters, so a late worker can never run a stale task. */
  private static final class Job {
    final IntConsumer task;
    final int count;
    final Thread caller;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger unfinished;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(IntConsumer task, int count, Thread caller) {
      this.task = task;
      this.count = count;
      this.caller = caller;
      this.unfinished = new AtomicInteger(count);
    }

    void drain() {
      int i;
      while ((i = next.getAndIncrement()) < count) {
        try {
          if (failure.get() == null) task.accept(i);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          if (unfinished.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
      }
    }
  }

  public Workers(int threadCount) {
    this(threadCount, () -> false);
  }

  /**
   * @param idleWork does one small piece of idle work and answers true, or answers false at once when
   *     there is none (or another thread is doing it); it is called from any thread of the team
   */
  public Workers(int threadCount, BooleanSupplier idleWork) {
    if (threadCount < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threadCount);
    this.idleWork = idleWork;
    threads = new Thread[threadCount - 1];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(this::workLoop, "tumen-worker-" + (i + 1));
      threads[i].setDaemon(true);
      threads[i].start();
    }
  }

  public int threads() {
    return threads.length + 1;
  }

  /** Runs {@code task.accept(i)} for every i in [0, count), spread over the team; returns when all are done. */
  public void forEach(int count, IntConsumer task) {
    if (count <= 0) return;
    if (threads.length == 0 || count == 1) {
      for (int i = 0; i < count; i++) task.accept(i);
      return;
    }
    Job j = new Job(task, count, Thread.currentThread());
    job = j;
    wake();
    j.drain();
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (j.unfinished.get() > 0) {
      // Not idle work here: the caller is on the critical path, and the last task is usually short.
      if (System.nanoTime() < spinUntil) Thread.onSpinWait();
      else LockSupport.parkNanos(this, 100_000);
    }
    Throwable t = j.failure.get();
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    if (t != null) throw new IllegalStateException(t);
  }

  /** Tells parked team threads that there is work (a task or idle work) for them. */
  public void wake() {
    for (Thread t : threads) LockSupport.unpark(t);
  }

  private void workLoop() {
    Job seen = null;
    long spinUntil = System.nanoTime() + SPIN_NANOS;
    while (!closed) {
      // Idle work first: it is serial and may lag only so far, while the caller takes the tasks this
      // thread leaves (tasks are handed out one at a time), so neither is left waiting.
      if (!idleWork.getAsBoolean()) {
        Job j = job;
        if (j != null && j != seen) {
          seen = j;
          j.drain();
        } else {
          // Nothing to do: look again for a short while, then park (and, once parked, park again at once).
          if (System.nanoTime() < spinUntil) Thread.onSpinWait();
          else LockSupport.parkNanos(this, 1_000_000);
          continue;
        }
      }
      spinUntil = System.nanoTime() + SPIN_NANOS;
    }
  }

  /** Stops the team and waits for its threads, so that no task or idle work outlives the call. */
  @Override
  public void close() {
    closed = true;
    wake();
    boolean interrupted = false;
    for (Thread t : threads) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
