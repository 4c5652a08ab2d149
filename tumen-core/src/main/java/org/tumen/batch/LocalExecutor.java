package org.tumen.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor: a pool of threads on this machine, one simulation per thread at a time. */
public final class LocalExecutor implements BatchExecutor {
  private final int threads;

  public LocalExecutor(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    this.threads = threads;
  }

  @Override
  public List<RunSummary> execute(List<RunTask> tasks, TaskRunner runner, Progress progress) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "tumen-batch");
      t.setDaemon(true);
      return t;
    });
    try {
      AtomicInteger done = new AtomicInteger();
      List<Future<RunSummary>> futures = new ArrayList<>(tasks.size());
      for (RunTask task : tasks) {
        futures.add(pool.submit(() -> {
          RunSummary s = runner.run(task);
          if (progress != null) progress.taskDone(done.incrementAndGet(), tasks.size());
          return s;
        }));
      }
      List<RunSummary> out = new ArrayList<>(tasks.size());
      for (Future<RunSummary> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("batch interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public String describe() {
    return "local[" + threads + "]";
  }
}
