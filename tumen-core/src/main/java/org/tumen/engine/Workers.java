package org.tumen.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that runs numbered tasks (chunks of agents) and waits for all of them.
 *
 * <p>Results never depend on the thread count because the caller decides the chunks from the data (a
 * fixed chunk size, not "one chunk per thread") and merges per-chunk results in chunk order. Each call
 * allocates one small job object, not one per agent, so it can be used every simulated day.
 */
public final class Workers implements AutoCloseable {
  private final Thread[] threads;
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
    if (threadCount < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threadCount);
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
    for (Thread t : threads) LockSupport.unpark(t);
    j.drain();
    while (j.unfinished.get() > 0) LockSupport.parkNanos(this, 100_000);
    Throwable t = j.failure.get();
    if (t instanceof RuntimeException r) throw r;
    if (t instanceof Error e) throw e;
    if (t != null) throw new IllegalStateException(t);
  }

  private void workLoop() {
    Job seen = null;
    while (!closed) {
      Job j = job;
      if (j != null && j != seen) {
        seen = j;
        j.drain();
      } else {
        LockSupport.parkNanos(this, 1_000_000);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : threads) LockSupport.unpark(t);
  }
}
